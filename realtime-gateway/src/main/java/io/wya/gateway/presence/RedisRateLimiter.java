package io.wya.gateway.presence;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import io.wya.gateway.redis.RedisScript;
import java.time.Duration;
import java.util.List;

/// [RateLimiter] in Redis: key `{ns}presence:r:{key}:{window end}`, counted by `rate.lua`.
public final class RedisRateLimiter implements RateLimiter {
  private static final RedisScript RATE = RedisScript.load(RedisRateLimiter.class, "rate.lua");

  private final Redis redis;
  private final String ns;

  public RedisRateLimiter(Redis redis, String namespace) {
    this.redis = redis;
    this.ns = namespace;
  }

  @Override public Future<Long> acquire(String key, int permits, int limit, Duration window, long nowMs) {
    long end = RateLimiter.windowEnd(nowMs, window);
    return RATE.run(redis, List.of(ns + "presence:r:" + key + ":" + end, Integer.toString(permits), Integer.toString(limit),
        Long.toString(end - nowMs), Long.toString(window.toMillis() * 2))).map(Response::toLong);
  }
}
