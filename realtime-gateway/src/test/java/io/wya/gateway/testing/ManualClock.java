package io.wya.gateway.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/// A clock that moves only when told to (lease expiry, rate windows, LWW times in tests).
public final class ManualClock extends Clock {
  private volatile long millis;

  public ManualClock(long startMillis) { this.millis = startMillis; }

  public void advance(Duration d) { millis += d.toMillis(); }

  public void set(long newMillis) { millis = newMillis; }

  @Override public long millis() { return millis; }

  @Override public Instant instant() { return Instant.ofEpochMilli(millis); }

  @Override public ZoneId getZone() { return ZoneOffset.UTC; }

  @Override public Clock withZone(ZoneId zone) { return this; }
}
