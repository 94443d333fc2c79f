package io.wya.gateway.presence;

import io.wya.gateway.protocol.PresenceStatus;

/// One device's presence lease: what it set, when, and until when it lives. The store keeps
/// `status|expiresAtMs|setAtMs|activity` per device.
public record Lease(String deviceHex, PresenceStatus status, String activity, long setAtMs, long expiresAtMs) {
  public String encoded() { return status.code() + "|" + expiresAtMs + "|" + setAtMs + "|" + activity; }

  public static Lease decode(String deviceHex, String encoded) {
    int a = encoded.indexOf('|'), b = encoded.indexOf('|', a + 1), c = encoded.indexOf('|', b + 1);
    return new Lease(deviceHex, PresenceStatus.of(Integer.parseInt(encoded.substring(0, a))), encoded.substring(c + 1),
        Long.parseLong(encoded.substring(b + 1, c)), Long.parseLong(encoded.substring(a + 1, b)));
  }

  public boolean liveAt(long nowMs) { return expiresAtMs > nowMs; }
}
