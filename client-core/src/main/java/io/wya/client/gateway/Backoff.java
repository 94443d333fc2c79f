package io.wya.client.gateway;

import java.time.Duration;
import java.util.random.RandomGenerator;

/// Exponential backoff with full jitter (GATEWAY_SPEC §5.3: start near 0.5 s, cap near 30 s): the
/// n-th consecutive failure waits a uniformly random time in `[0, min(cap, base·2ⁿ)]`, so clients
/// cut by one instance restart do not come back in step.
public final class Backoff {
  public static final Duration BASE = Duration.ofMillis(500);
  public static final Duration CAP = Duration.ofSeconds(30);

  private final RandomGenerator random;
  private final long baseMs;
  private final long capMs;
  private int failures;

  public Backoff(RandomGenerator random, Duration base, Duration cap) {
    this.random = random;
    this.baseMs = base.toMillis();
    this.capMs = cap.toMillis();
  }

  public Backoff(RandomGenerator random) { this(random, BASE, CAP); }

  /// The wait before the next attempt; counts one more failure.
  public Duration next() {
    long ceiling = Math.min(capMs, baseMs << Math.min(failures, 20));
    failures++;
    return Duration.ofMillis(random.nextLong(ceiling + 1));
  }

  /// A session reached `Ready`: the next failure starts from the base again.
  public void reset() { failures = 0; }

  public int failures() { return failures; }
}
