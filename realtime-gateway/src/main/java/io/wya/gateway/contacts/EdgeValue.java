package io.wya.gateway.contacts;

/// The state of one edge: whether it is present (following / blocking) and the stamp of the
/// operation that decided it. Stored as `"1"` or `"0"` followed by the stamp.
public record EdgeValue(boolean present, EdgeStamp stamp) {
  public String encoded() { return (present ? "1" : "0") + stamp.encoded(); }

  public static EdgeValue decode(String encoded) {
    return new EdgeValue(encoded.charAt(0) == '1', new EdgeStamp(encoded.substring(1)));
  }

  /// The LWW merge: `incoming` replaces `current` only when its stamp is strictly greater, so
  /// applying an operation twice, or operations in any order, gives the same state.
  public static EdgeValue merge(EdgeValue current, EdgeValue incoming) {
    return current == null || incoming.stamp.compareTo(current.stamp) > 0 ? incoming : current;
  }
}
