package io.wya.gateway.contacts;

import java.util.HexFormat;

/// The LWW order of operations on one edge `(owner, kind, target)`, as one fixed-width string
/// whose byte order is the order of the tuple `(unix_ms, rank, process, logical_clock)` (ADR 0402):
///
/// * `unix_ms` — the `LWWElementSet.unix_milliseconds`; the latest wins (19 decimal digits);
/// * `rank` — on a tie, `1` (restrictive: unfollow, block) beats `0` (follow, unblock), and `2`
///   marks an operation removed by a Polycentric DELETE, which beats the operation it removed;
/// * `process`, `logical_clock` — the event's coordinates (32 hex digits, 19 digits), so that the
///   order is total and every replica picks the same winner whatever the arrival order.
///
/// The Redis scripts compare the same strings, so both stores order operations identically.
public record EdgeStamp(String encoded) implements Comparable<EdgeStamp> {
  /// Length of [#encoded()].
  public static final int LENGTH = 19 + 1 + 1 + 1 + 32 + 1 + 19;
  /// Rank of a permissive operation (follow, unblock).
  public static final char PERMISSIVE = '0';
  /// Rank of a restrictive operation (unfollow, block).
  public static final char RESTRICTIVE = '1';
  /// Rank of an operation a DELETE removed.
  public static final char DELETED = '2';

  public EdgeStamp {
    if (encoded.length() != LENGTH) throw new IllegalArgumentException("an edge stamp is " + LENGTH + " characters");
  }

  public static EdgeStamp of(long unixMs, char rank, byte[] process, long logicalClock) {
    if (unixMs < 0 || logicalClock < 0) throw new IllegalArgumentException("times and clocks are non-negative");
    if (process.length != 16) throw new IllegalArgumentException("a process is 16 bytes");
    return new EdgeStamp(digits(unixMs) + "|" + rank + "|" + HexFormat.of().formatHex(process) + "|" + digits(logicalClock));
  }

  /// `process|clock`: the coordinates of the event that carried this operation.
  public String coordinates() { return encoded.substring(22); }

  public char rank() { return encoded.charAt(20); }

  public long unixMs() { return Long.parseLong(encoded.substring(0, 19)); }

  /// The same operation, marked as removed by a DELETE.
  public EdgeStamp deleted() { return new EdgeStamp(encoded.substring(0, 20) + DELETED + encoded.substring(21)); }

  /// `process|clock` in the format of [#coordinates()].
  public static String coordinates(byte[] process, long logicalClock) {
    return HexFormat.of().formatHex(process) + "|" + digits(logicalClock);
  }

  @Override public int compareTo(EdgeStamp o) { return encoded.compareTo(o.encoded); }

  private static String digits(long v) {
    String s = Long.toString(v);
    return "0".repeat(19 - s.length()) + s;
  }
}
