package io.wya.gateway.presence;

import io.vertx.core.Future;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.protocol.UserId;
import java.util.LinkedHashMap;
import java.util.Map;

/// Presence state of one session on this instance; guarded by the [PresenceHub]'s monitor.
final class SessionState {
  final PresenceSession session;
  final DeviceKey device;
  /// Watched user → the last version pushed to this session (a one-element array, updated in place).
  final Map<UserId, long[]> watching = new LinkedHashMap<>();
  /// What the device set, to set it again when the store lost the lease.
  PresenceStatus status = PresenceStatus.ONLINE;
  String activity = "";
  boolean leased;
  boolean detached;
  /// The receive time up to which the lease has been renewed.
  long renewedUpTo;
  /// The session's last request: the next one starts when it is done.
  Future<?> tail = Future.succeededFuture();

  SessionState(PresenceSession session) {
    this.session = session;
    this.device = session.device();
  }
}
