package io.wya.gateway.limits;

import java.util.ArrayDeque;

/// Rejected frames of one session within a sliding window (LIM-4). Not thread-safe.
public final class Strikes {
  private final int limit;
  private final long windowMs;
  private final ArrayDeque<Long> times = new ArrayDeque<>();

  /// @param limit strikes that trigger a penalty; 0 disables penalties
  public Strikes(int limit, long windowMs) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /// Records one strike at `nowMs`; true when this strike reaches the limit.
  public boolean strike(long nowMs) {
    if (limit == 0) return false;
    times.addLast(nowMs);
    while (!times.isEmpty() && times.peekFirst() <= nowMs - windowMs) times.removeFirst();
    return times.size() >= limit;
  }
}
