package io.wya.gateway.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wya.testkit.LocalServices;
import java.util.ArrayList;
import java.util.List;

/// The shared local Redis for one test class: a Vert.x instance, a client, and a key prefix no
/// other run uses (deleted at [#close()]).
public final class RedisFixture implements AutoCloseable {
  public final Vertx vertx;
  public final Redis redis;
  public final String namespace;
  public final String uri;

  private RedisFixture(String purpose) {
    LocalServices services = LocalServices.require();
    this.uri = services.redisUri();
    this.vertx = Vertx.vertx();
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(uri).setMaxPoolSize(8).setMaxPoolWaiting(1024));
    this.namespace = LocalServices.uniqueName(purpose) + ":";
  }

  public static RedisFixture create(String purpose) { return new RedisFixture(purpose); }

  /// Deletes every key of this fixture's namespace whose name starts with `prefix`.
  public void deleteKeys(String prefix) {
    String cursor = "0";
    do {
      Response r = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + "*").arg("COUNT").arg(1000)).await();
      cursor = r.get(0).toString();
      List<String> keys = new ArrayList<>();
      for (Response k : r.get(1)) keys.add(k.toString());
      if (!keys.isEmpty()) {
        Request del = Request.cmd(Command.DEL);
        keys.forEach(del::arg);
        redis.send(del).await();
      }
    } while (!cursor.equals("0"));
  }

  public Response send(Request request) { return redis.send(request).await(); }

  @Override public void close() {
    deleteKeys(namespace);
    Future.await(redis.close());
    Future.await(vertx.close());
  }
}
