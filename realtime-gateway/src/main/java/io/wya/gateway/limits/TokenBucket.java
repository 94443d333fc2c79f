package io.wya.gateway.limits;

/// A token bucket of `rate` tokens per second holding at most `burst` (LIM-1). Time comes from
/// the caller (milliseconds of any monotonic clock). Not thread-safe: one per session, used on
/// its event loop.
public final class TokenBucket {
  private final double ratePerMs;
  private final double burst;
  private double tokens;
  private long lastMs;

  public TokenBucket(int ratePerSecond, int burst, long nowMs) {
    this.ratePerMs = ratePerSecond / 1000.0;
    this.burst = burst;
    this.tokens = burst;
    this.lastMs = nowMs;
  }

  /// Takes one token; returns 0 on success, else the milliseconds until one is available.
  public long take(long nowMs) {
    if (nowMs > lastMs) {
      tokens = Math.min(burst, tokens + (nowMs - lastMs) * ratePerMs);
      lastMs = nowMs;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerMs));
  }
}
