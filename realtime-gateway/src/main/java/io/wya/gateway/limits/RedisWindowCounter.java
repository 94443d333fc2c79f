package io.wya.gateway.limits;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;

/// [WindowCounter] in Redis: one atomic script increments the key, starts its expiry on the
/// first hit and returns the count with the time left.
public final class RedisWindowCounter implements WindowCounter {
  private static final String SCRIPT = """
      local n = redis.call('INCR', KEYS[1])
      if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      local ttl = redis.call('PTTL', KEYS[1])
      if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
      return {n, ttl}""";

  private final Redis redis;
  private final String namespace;

  public RedisWindowCounter(Redis redis, String namespace) {
    this.redis = redis;
    this.namespace = namespace;
  }

  @Override
  public Future<Count> hit(String key, Duration window) {
    return redis.send(Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg(namespace + key).arg(window.toMillis()))
        .map(r -> new Count(r.get(0).toLong(), r.get(1).toLong()));
  }
}
