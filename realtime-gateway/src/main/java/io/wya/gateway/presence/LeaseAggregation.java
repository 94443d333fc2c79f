package io.wya.gateway.presence;

import io.wya.gateway.protocol.PresenceStatus;
import java.util.Collection;

/// How a user's device leases combine into what watchers see (PRS-5, PRS-6; ADR 0403). The
/// Redis scripts implement the same rule (`recompute.lua`); the store contract suite keeps the two
/// in step.
///
/// * No live lease: OFFLINE.
/// * Any live lease INVISIBLE: OFFLINE — hiding on one device hides the user everywhere, so a
///   second device can never give an invisible user away.
/// * Otherwise the highest of BUSY > ONLINE > AWAY: an explicit "busy" is a deliberate signal that
///   an idle second device must not erase, and one active device makes the user online.
/// * The activity is the winning lease's; among equal statuses the most recently set lease wins,
///   then the greater device id (a total order, so both stores agree).
public final class LeaseAggregation {
  private LeaseAggregation() {}

  /// The shown status and activity (version and last-seen are the store's business).
  public record Shown(PresenceStatus status, String activity) {}

  public static Shown shown(Collection<Lease> liveLeases) {
    Lease best = null;
    for (Lease l : liveLeases) {
      if (l.status() == PresenceStatus.INVISIBLE) return new Shown(PresenceStatus.OFFLINE, "");
      if (best == null || beats(l, best)) best = l;
    }
    return best == null ? new Shown(PresenceStatus.OFFLINE, "") : new Shown(best.status(), best.activity());
  }

  static int rank(PresenceStatus s) {
    return switch (s) {
      case BUSY -> 3;
      case ONLINE -> 2;
      case AWAY -> 1;
      default -> 0;
    };
  }

  private static boolean beats(Lease a, Lease b) {
    if (rank(a.status()) != rank(b.status())) return rank(a.status()) > rank(b.status());
    if (a.setAtMs() != b.setAtMs()) return a.setAtMs() > b.setAtMs();
    return a.deviceHex().compareTo(b.deviceHex()) > 0;
  }
}
