package io.wya.gateway.presence;

import io.wya.gateway.protocol.PresenceStatus;

/// What watchers are shown of one user, as the store keeps it: ONLINE, AWAY, BUSY or OFFLINE
/// (never INVISIBLE), the activity of the winning lease, and when the user was last seen going
/// offline (0 = not within the last 7 days, or never). `version` increases with every change.
public record PresenceView(long version, PresenceStatus status, String activity, long lastSeenMs) {
  /// A user the store knows nothing about: offline, last seen "earlier".
  public static final PresenceView UNKNOWN = new PresenceView(0, PresenceStatus.OFFLINE, "", 0);

  public PresenceView {
    if (status == PresenceStatus.INVISIBLE) throw new IllegalArgumentException("INVISIBLE is never shown (PRS-6)");
  }

  /// The encoding published with every change: `version|status|lastSeenMs|activity`.
  public String encoded() { return version + "|" + status.code() + "|" + lastSeenMs + "|" + activity; }

  public static PresenceView decode(String message) {
    int a = message.indexOf('|'), b = message.indexOf('|', a + 1), c = message.indexOf('|', b + 1);
    if (a < 0 || b < 0 || c < 0) throw new IllegalArgumentException("not a presence view: " + message);
    PresenceStatus status = PresenceStatus.of(Integer.parseInt(message.substring(a + 1, b)));
    if (status == null) throw new IllegalArgumentException("unknown status in " + message);
    return new PresenceView(Long.parseLong(message.substring(0, a)), status, message.substring(c + 1),
        Long.parseLong(message.substring(b + 1, c)));
  }
}
