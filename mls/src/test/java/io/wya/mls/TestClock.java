package io.wya.mls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/// A clock the test moves.
public final class TestClock extends Clock {
  private Instant now;

  public TestClock(Instant now) { this.now = now; }

  public static TestClock now() { return new TestClock(Instant.now()); }

  public void advance(Duration d) { now = now.plus(d); }

  @Override public ZoneId getZone() { return ZoneOffset.UTC; }

  @Override public Clock withZone(ZoneId zone) { return this; }

  @Override public Instant instant() { return now; }
}
