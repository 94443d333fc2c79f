package io.wya.gateway.transport;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;

/// [StreamDirectory] in Redis: `<ns>sse:<stream_id>` → instance id, with a TTL the holder
/// refreshes while the stream is open.
public final class RedisStreamDirectory implements StreamDirectory {
  private final Redis redis;
  private final String namespace;

  public RedisStreamDirectory(Redis redis, String namespace) {
    this.redis = redis;
    this.namespace = namespace;
  }

  @Override
  public Future<Void> put(String streamId, String instanceId, Duration ttl) {
    return redis.send(Request.cmd(Command.SET).arg(namespace + "sse:" + streamId).arg(instanceId).arg("PX").arg(ttl.toMillis())).mapEmpty();
  }

  @Override
  public Future<String> owner(String streamId) {
    return redis.send(Request.cmd(Command.GET).arg(namespace + "sse:" + streamId)).map(r -> r == null ? null : r.toString());
  }

  @Override
  public Future<Void> remove(String streamId) {
    return redis.send(Request.cmd(Command.DEL).arg(namespace + "sse:" + streamId)).mapEmpty();
  }
}
