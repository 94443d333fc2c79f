package io.wya.gateway.presence;

import io.vertx.core.Future;
import java.time.Duration;

/// Fixed-window limits counted across every instance (PRS-3): at most `limit` permits per key in
/// each window of `window`, windows aligned on the caller's clock. A request that does not fit
/// takes nothing. (A fixed window admits up to twice the limit across a window boundary; the
/// limits are about abuse, not accounting.)
public interface RateLimiter {
  /// 0 when `permits` were granted, else the milliseconds until the window ends.
  Future<Long> acquire(String key, int permits, int limit, Duration window, long nowMs);

  /// The end of the window containing `nowMs`.
  static long windowEnd(long nowMs, Duration window) {
    long w = window.toMillis();
    return (Math.floorDiv(nowMs, w) + 1) * w;
  }
}
