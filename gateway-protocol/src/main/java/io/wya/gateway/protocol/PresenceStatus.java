package io.wya.gateway.protocol;

/// A presence status (GATEWAY_SPEC §16). A device sets ONLINE, AWAY, BUSY or INVISIBLE (OFFLINE
/// ends its lease); watchers are shown ONLINE, AWAY, BUSY or OFFLINE, never INVISIBLE (PRS-6).
public enum PresenceStatus {
  ONLINE(1), AWAY(2), BUSY(3), INVISIBLE(4), OFFLINE(5);

  private final int code;

  PresenceStatus(int code) { this.code = code; }

  /// The number on the wire (`wya.gateway.v1.PresenceStatus`).
  public int code() { return code; }

  /// The status with this number, or null (including 0, unspecified).
  public static PresenceStatus of(int code) {
    for (PresenceStatus s : values()) if (s.code == code) return s;
    return null;
  }
}
