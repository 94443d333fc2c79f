package io.wya.gateway.presence;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/// [RateLimiter] for one process (unit tests).
public final class InMemoryRateLimiter implements RateLimiter {
  private final Map<String, long[]> windows = new HashMap<>();

  @Override public synchronized Future<Long> acquire(String key, int permits, int limit, Duration window, long nowMs) {
    long end = RateLimiter.windowEnd(nowMs, window);
    long[] w = windows.get(key);
    if (w == null || w[0] != end) {
      w = new long[] {end, 0};
      windows.put(key, w);
    }
    if (w[1] + permits > limit) return Future.succeededFuture(end - nowMs);
    w[1] += permits;
    return Future.succeededFuture(0L);
  }
}
