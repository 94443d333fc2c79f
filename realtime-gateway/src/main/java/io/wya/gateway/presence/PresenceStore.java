package io.wya.gateway.presence;

import io.vertx.core.Future;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.protocol.UserId;
import java.util.List;

/// Where leases and views live, shared by every instance (Redis in production). Every mutation
/// recomputes the user's [PresenceView] from the live leases ([LeaseAggregation]) in the same
/// atomic step and, when the view changed, gives it a greater version and publishes it to every
/// instance that follows the user ([PresenceFeed]). Nothing here is durable: leases expire,
/// last-seen times are forgotten after 7 days (PRS-10).
///
/// Times come from the caller's clock (`nowMs`), so that tests drive expiry deterministically.
public interface PresenceStore {
  /// Sets (or replaces) the lease of `device`.
  Future<Void> set(DeviceKey device, PresenceStatus status, String activity, long nowMs, long expiresAtMs);

  /// Extends leases; for each, false when the device has no lease any more (expired and swept,
  /// or the store lost it), so that the caller can set it again.
  Future<List<Boolean>> renew(List<Renewal> renewals);

  /// Ends the lease of `device` now (session closed, or SetPresence OFFLINE).
  Future<Void> release(DeviceKey device, long nowMs);

  /// Removes up to `limit` leases that expired at `nowMs`; returns how many it removed.
  Future<Integer> sweep(long nowMs, int limit);

  /// The current views of `users`, [PresenceView#UNKNOWN] for users without one.
  Future<List<PresenceView>> views(List<UserId> users);

  /// `device`'s lease now lives until `expiresAtMs`.
  record Renewal(DeviceKey device, long expiresAtMs) {}
}
