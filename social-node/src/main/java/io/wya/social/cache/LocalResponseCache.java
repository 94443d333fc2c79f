package io.wya.social.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/// The in-process layer in front of Redis for the hottest reads. Entries live at most a short
/// TTL (cross-node staleness is bounded by it); on this node an ingest makes them stale at once:
/// each scope hashes to one of a fixed set of generation counters, an entry remembers the
/// counter's value from *before* its body was computed, and an ingest increments the counter.
/// Collisions only cost extra misses. Bounded: past `maxEntries` the map is emptied.
final class LocalResponseCache {
  private static final int STRIPES = 4096;

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
  private final long ttlNanos;
  private final int maxEntries;

  LocalResponseCache(long ttlNanos, int maxEntries) {
    this.ttlNanos = ttlNanos;
    this.maxEntries = maxEntries;
  }

  boolean enabled() { return ttlNanos > 0; }

  /// The generation to pass to [#put] for a body computed from now on.
  long generation(String scope) { return generations.get(stripe(scope)); }

  Entry get(String scope, String field, long now) {
    Entry e = entries.get(scope + '\n' + field);
    if (e == null || now - e.storedAt > ttlNanos || e.generation != generations.get(stripe(scope))) return null;
    return e;
  }

  long ttlNanos() { return ttlNanos; }

  void put(String scope, String field, long generation, byte[] body, long now) {
    if (entries.size() >= maxEntries) entries.clear();
    entries.put(scope + '\n' + field, new Entry(body, generation, now));
  }

  void invalidate(String scope) { generations.incrementAndGet(stripe(scope)); }

  private static int stripe(String scope) { return (scope.hashCode() & 0x7fffffff) % STRIPES; }

  record Entry(byte[] body, long generation, long storedAt) {}
}
