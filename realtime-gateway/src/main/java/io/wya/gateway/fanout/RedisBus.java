package io.wya.gateway.fanout;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// [Bus] over Redis pub/sub: channel `<ns>bus` for broadcasts, `<ns>inst:<instance>` for one
/// instance. Publishes go through one connection, so this instance's messages arrive in the
/// order it sent them. The subscriber reconnects with backoff; after a reconnect the caller is
/// told to resync, because messages published meanwhile are lost (pub/sub is at most once).
public final class RedisBus implements Bus {
  private static final Logger LOG = LoggerFactory.getLogger(RedisBus.class);
  private static final long MAX_BACKOFF_MS = 5_000;

  private final Vertx vertx;
  private final RedisOptions options;
  private final String broadcastChannel;
  private final String instancePrefix;
  private final String ownChannel;
  private final Consumer<byte[]> onMessage;
  private final Runnable onResubscribed;
  private final Redis publisher;
  private final Redis subscriberClient;
  private RedisConnection subscriber;
  private volatile boolean closed;
  private long backoffMs = 100;
  private long lastPublishErrorLog;

  public RedisBus(Vertx vertx, String redisUri, String namespace, String instanceId, Consumer<byte[]> onMessage,
                  Runnable onResubscribed) {
    this.vertx = vertx;
    this.options = new RedisOptions().setConnectionString(redisUri).setMaxPoolSize(1).setMaxWaitingHandlers(100_000)
        .setMaxPoolWaiting(100_000);
    this.broadcastChannel = namespace + "bus";
    this.instancePrefix = namespace + "inst:";
    this.ownChannel = instancePrefix + instanceId;
    this.onMessage = onMessage;
    this.onResubscribed = onResubscribed;
    this.publisher = Redis.createClient(vertx, options);
    this.subscriberClient = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUri).setMaxPoolSize(1));
  }

  /// Subscribes; completes when the subscription is active. When Redis is down the instance
  /// still starts (alone: no wake-ups from elsewhere, readiness DOWN) and keeps retrying.
  public Future<Void> start() {
    return subscribe(false).recover(t -> {
      LOG.warn("redis subscription failed ({}); retrying in the background", t.getMessage());
      reconnect();
      return Future.succeededFuture();
    });
  }

  private Future<Void> subscribe(boolean resync) {
    Promise<Void> ready = Promise.promise();
    subscriberClient.connect().onComplete(ar -> {
      if (ar.failed()) {
        ready.fail(ar.cause());
        return;
      }
      RedisConnection conn = ar.result();
      conn.handler(this::onResponse);
      conn.exceptionHandler(t -> lost(conn, t));
      conn.endHandler(v -> lost(conn, null));
      conn.send(Request.cmd(Command.SUBSCRIBE).arg(broadcastChannel).arg(ownChannel)).onComplete(sub -> {
        if (sub.failed()) {
          conn.close();
          ready.fail(sub.cause());
          return;
        }
        synchronized (this) {
          subscriber = conn;
        }
        backoffMs = 100;
        if (resync) onResubscribed.run();
        ready.complete();
      });
    });
    return ready.future();
  }

  private void onResponse(Response r) {
    if (r == null || r.size() < 3) return;
    String kind = r.get(0).toString();
    if ("message".equals(kind)) onMessage.accept(r.get(2).toBuffer().getBytes());
  }

  private void lost(RedisConnection conn, Throwable t) {
    synchronized (this) {
      if (subscriber != conn) return;
      subscriber = null;
    }
    if (closed) return;
    LOG.warn("redis subscription lost{}; reconnecting", t == null ? "" : " (" + t.getMessage() + ")");
    reconnect();
  }

  private void reconnect() {
    if (closed) return;
    long delay = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    vertx.setTimer(delay, id -> subscribe(true).onFailure(t -> reconnect()));
  }

  @Override
  public void broadcast(byte[] message) {
    publisher.send(Request.cmd(Command.PUBLISH).arg(broadcastChannel).arg(Buffer.buffer(message))).onFailure(this::publishFailed);
  }

  @Override
  public Future<Boolean> sendTo(String instanceId, byte[] message) {
    return publisher.send(Request.cmd(Command.PUBLISH).arg(instancePrefix + instanceId).arg(Buffer.buffer(message)))
        .map(r -> r != null && r.toLong() > 0);
  }

  private void publishFailed(Throwable t) {
    long now = System.currentTimeMillis();
    if (now - lastPublishErrorLog > 10_000) {
      lastPublishErrorLog = now;
      LOG.warn("redis publish failed (other instances catch up from the store): {}", t.getMessage());
    }
  }

  public Future<Void> close() {
    closed = true;
    RedisConnection s;
    synchronized (this) {
      s = subscriber;
      subscriber = null;
    }
    Future<Void> a = s == null ? Future.succeededFuture() : s.close();
    return Future.all(a, publisher.close(), subscriberClient.close()).mapEmpty();
  }
}
