package io.wya.gateway.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/// A clock that starts at the real time and moves only when a test advances it (or, in
/// `following` mode, with real time plus the accumulated advances).
public final class TestClock extends Clock {
  private final AtomicLong offsetMs = new AtomicLong();
  private final boolean following;
  private final long frozenAt = System.currentTimeMillis();

  private TestClock(boolean following) {
    this.following = following;
  }

  /// Real time plus whatever the test adds with [#advance].
  public static TestClock following() { return new TestClock(true); }

  /// Frozen at the real time of creation; moves only with [#advance].
  public static TestClock frozen() { return new TestClock(false); }

  public void advance(Duration d) { offsetMs.addAndGet(d.toMillis()); }

  @Override public long millis() { return (following ? System.currentTimeMillis() : frozenAt) + offsetMs.get(); }

  @Override public Instant instant() { return Instant.ofEpochMilli(millis()); }

  @Override public ZoneId getZone() { return ZoneOffset.UTC; }

  @Override public Clock withZone(ZoneId zone) { return this; }
}
