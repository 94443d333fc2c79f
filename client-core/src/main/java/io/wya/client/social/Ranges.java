package io.wya.client.social;

import io.wya.polycentric.ProcessId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/// Sets of logical clocks per process, kept as merged inclusive `[low, high]` runs — the model of
/// `RangesForSystem` (protocol doc §3.4). Sync is arithmetic on these: what the node holds minus
/// what the device holds is what to pull, and the other way round what to push.
public final class Ranges {
  private final Map<ProcessId, TreeMap<Long, Long>> byProcess = new LinkedHashMap<>();

  public static Ranges empty() { return new Ranges(); }

  public Ranges add(ProcessId process, long clock) { return add(process, clock, clock); }

  /// Adds `[low, high]`, merging with touching or overlapping runs.
  public Ranges add(ProcessId process, long low, long high) {
    if (low < 0 || high < low) throw new IllegalArgumentException("bad range [" + low + ", " + high + "]");
    TreeMap<Long, Long> runs = byProcess.computeIfAbsent(process, p -> new TreeMap<>());
    long lo = low;
    long hi = high;
    Map.Entry<Long, Long> before = runs.floorEntry(lo);
    if (before != null && before.getValue() >= lo - 1) {
      lo = before.getKey();
      hi = Math.max(hi, before.getValue());
      runs.remove(before.getKey());
    }
    while (true) {
      Map.Entry<Long, Long> next = runs.ceilingEntry(lo);
      if (next == null || (hi != Long.MAX_VALUE && next.getKey() > hi + 1)) break;
      hi = Math.max(hi, next.getValue());
      runs.remove(next.getKey());
    }
    runs.put(lo, hi);
    return this;
  }

  public Ranges addAll(Ranges other) {
    other.byProcess.forEach((p, runs) -> runs.forEach((lo, hi) -> add(p, lo, hi)));
    return this;
  }

  public boolean contains(ProcessId process, long clock) {
    TreeMap<Long, Long> runs = byProcess.get(process);
    if (runs == null) return false;
    Map.Entry<Long, Long> run = runs.floorEntry(clock);
    return run != null && run.getValue() >= clock;
  }

  /// The clocks in this set that are not in `other`.
  public Ranges minus(Ranges other) {
    Ranges out = new Ranges();
    byProcess.forEach((process, runs) -> runs.forEach((lo, hi) -> {
      long cursor = lo;
      TreeMap<Long, Long> theirs = other.byProcess.getOrDefault(process, new TreeMap<>());
      Map.Entry<Long, Long> start = theirs.floorEntry(lo);
      Iterable<Map.Entry<Long, Long>> overlapping = start == null ? theirs.entrySet() : theirs.tailMap(start.getKey(), true).entrySet();
      for (Map.Entry<Long, Long> cut : overlapping) {
        if (cut.getKey() > hi) break;
        if (cut.getValue() < cursor) continue;
        if (cut.getKey() > cursor) out.add(process, cursor, cut.getKey() - 1);
        if (cut.getValue() >= hi) {
          cursor = -1;
          break;
        }
        cursor = cut.getValue() + 1;
      }
      if (cursor >= 0 && cursor <= hi) out.add(process, cursor, hi);
    }));
    return out;
  }

  public boolean isEmpty() { return byProcess.values().stream().allMatch(TreeMap::isEmpty); }

  /// How many clocks the set holds (saturating at Long.MAX_VALUE).
  public long count() {
    long total = 0;
    for (TreeMap<Long, Long> runs : byProcess.values()) {
      for (Map.Entry<Long, Long> run : runs.entrySet()) {
        long n = run.getValue() - run.getKey() + 1;
        total = n <= 0 || total > Long.MAX_VALUE - n ? Long.MAX_VALUE : total + n;
      }
    }
    return total;
  }

  /// The `n` highest clocks of the set, per process in turn (used to bound how much one sync pulls).
  public Ranges highest(long n) {
    if (count() <= n) return Ranges.empty().addAll(this);
    Ranges out = new Ranges();
    long room = n;
    for (Map.Entry<ProcessId, TreeMap<Long, Long>> entry : byProcess.entrySet()) {
      for (Map.Entry<Long, Long> run : entry.getValue().descendingMap().entrySet()) {
        if (room == 0) return out;
        long size = run.getValue() - run.getKey() + 1;
        long take = size <= 0 ? room : Math.min(room, size);
        out.add(entry.getKey(), run.getValue() - take + 1, run.getValue());
        room -= take;
      }
    }
    return out;
  }

  /// Splits the set into pieces of at most `maxClocks` clocks each (the official client asks the
  /// node for 20 events per request), in process then clock order.
  public List<Ranges> chunks(int maxClocks) {
    if (maxClocks < 1) throw new IllegalArgumentException("maxClocks must be positive");
    List<Ranges> out = new ArrayList<>();
    Ranges current = new Ranges();
    long room = maxClocks;
    for (Map.Entry<ProcessId, TreeMap<Long, Long>> entry : byProcess.entrySet()) {
      for (Map.Entry<Long, Long> run : entry.getValue().entrySet()) {
        long lo = run.getKey();
        long hi = run.getValue();
        while (lo <= hi) {
          long take = Math.min(room, hi - lo + 1);
          current.add(entry.getKey(), lo, lo + take - 1);
          room -= take;
          if (lo + take - 1 == Long.MAX_VALUE) break;
          lo += take;
          if (room == 0) {
            out.add(current);
            current = new Ranges();
            room = maxClocks;
          }
        }
      }
    }
    if (!current.isEmpty()) out.add(current);
    return out;
  }

  /// Runs per process, each run `{low, high}`, in ascending order.
  public Map<ProcessId, List<long[]>> runs() {
    Map<ProcessId, List<long[]>> out = new LinkedHashMap<>();
    byProcess.forEach((p, runs) -> {
      if (runs.isEmpty()) return;
      List<long[]> list = new ArrayList<>();
      runs.forEach((lo, hi) -> list.add(new long[] {lo, hi}));
      out.put(p, Collections.unmodifiableList(list));
    });
    return out;
  }

  @Override public boolean equals(Object o) {
    if (!(o instanceof Ranges other)) return false;
    return normalized().equals(other.normalized());
  }

  @Override public int hashCode() { return normalized().hashCode(); }

  private Map<ProcessId, TreeMap<Long, Long>> normalized() {
    Map<ProcessId, TreeMap<Long, Long>> out = new LinkedHashMap<>();
    byProcess.forEach((p, r) -> {
      if (!r.isEmpty()) out.put(p, r);
    });
    return out;
  }

  @Override public String toString() {
    StringBuilder s = new StringBuilder("Ranges{");
    runs().forEach((p, list) -> {
      s.append(p).append('=');
      list.forEach(r -> s.append('[').append(r[0]).append(',').append(r[1]).append(']'));
      s.append(' ');
    });
    return s.append('}').toString();
  }
}
