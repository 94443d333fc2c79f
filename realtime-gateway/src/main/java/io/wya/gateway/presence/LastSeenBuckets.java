package io.wya.gateway.presence;

import io.wya.gateway.protocol.LastSeen;

/// The only way "last seen" leaves the gateway (PRS-7): a coarse bucket, never a time. The
/// buckets are rolling windows (no time zone is needed, none is revealed).
public final class LastSeenBuckets {
  /// Below this age, JUST_NOW.
  public static final long JUST_NOW_MS = 5 * 60_000L;
  /// Below this age, TODAY.
  public static final long TODAY_MS = 24 * 3_600_000L;
  /// Below this age, THIS_WEEK; the store forgets last-seen times after it.
  public static final long THIS_WEEK_MS = 7 * TODAY_MS;

  private LastSeenBuckets() {}

  /// @param lastSeenMs when the user went offline; 0 when unknown
  public static LastSeen bucket(long lastSeenMs, long nowMs) {
    if (lastSeenMs <= 0) return LastSeen.EARLIER;
    long age = Math.max(0, nowMs - lastSeenMs);
    if (age < JUST_NOW_MS) return LastSeen.JUST_NOW;
    if (age < TODAY_MS) return LastSeen.TODAY;
    if (age < THIS_WEEK_MS) return LastSeen.THIS_WEEK;
    return LastSeen.EARLIER;
  }
}
