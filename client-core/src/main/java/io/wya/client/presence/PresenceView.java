package io.wya.client.presence;

import io.wya.gateway.protocol.LastSeen;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.polycentric.SystemKey;
import java.util.Optional;

/// A watched user's shown presence, or the end of a watch (`watching` false: no longer a contact).
///
/// @param lastSeen the coarse bucket, only when OFFLINE (PRS-7)
public record PresenceView(SystemKey user, PresenceStatus status, String activity, Optional<LastSeen> lastSeen, boolean watching) {
  static PresenceView of(ServerFrame.PresenceState s) {
    return new PresenceView(SystemKey.of(s.user().bytes()), s.status(), s.activity(), Optional.ofNullable(s.lastSeen()), true);
  }

  static PresenceView ended(SystemKey user) { return new PresenceView(user, PresenceStatus.OFFLINE, "", Optional.empty(), false); }

  /// "online", "away: lunch", "offline (seen today)".
  public String describe() {
    if (!watching) return "not a contact any more";
    String name = status.name().toLowerCase(java.util.Locale.ROOT);
    if (status == PresenceStatus.OFFLINE) {
      return name + lastSeen.map(l -> " (seen " + l.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")").orElse("");
    }
    return activity.isEmpty() ? name : name + ": " + activity;
  }
}
