package io.wya.gateway.protocol;

/// The coarse "last seen" of an OFFLINE user, the only form in which it is ever sent (PRS-7).
public enum LastSeen {
  /// Less than 5 minutes ago.
  JUST_NOW(1),
  /// Less than 24 hours ago.
  TODAY(2),
  /// Less than 7 days ago.
  THIS_WEEK(3),
  /// Longer ago, or never.
  EARLIER(4);

  private final int code;

  LastSeen(int code) { this.code = code; }

  /// The number on the wire (`wya.gateway.v1.LastSeen`).
  public int code() { return code; }

  /// The bucket with this number, or null (including 0: the user is not offline).
  public static LastSeen of(int code) {
    for (LastSeen s : values()) if (s.code == code) return s;
    return null;
  }
}
