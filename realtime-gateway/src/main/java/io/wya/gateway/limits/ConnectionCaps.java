package io.wya.gateway.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/// Per-instance connection counters checked before the upgrade (LIM-3): total and per client
/// address. (Sessions per user are counted by the session registry, which also replaces older
/// sessions of a device.) Thread-safe; shared by the instance's event loops.
public final class ConnectionCaps {
  private final int maxTotal;
  private final int maxPerAddress;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

  public ConnectionCaps(int maxTotal, int maxPerAddress) {
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
  }

  /// Why a connection was refused before its session started.
  public enum Refusal { NONE, INSTANCE_FULL, ADDRESS_FULL }

  /// Counts a new connection from `address` unless a cap is reached.
  public Refusal open(String address) {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return Refusal.INSTANCE_FULL;
    }
    AtomicInteger n = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
    if (n.incrementAndGet() > maxPerAddress) {
      n.decrementAndGet();
      total.decrementAndGet();
      return Refusal.ADDRESS_FULL;
    }
    return Refusal.NONE;
  }

  /// Releases a connection counted by [#open].
  public void close(String address) {
    total.decrementAndGet();
    perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
  }
}
