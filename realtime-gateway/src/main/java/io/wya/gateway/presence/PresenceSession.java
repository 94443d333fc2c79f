package io.wya.gateway.presence;

import io.wya.gateway.protocol.DeviceKey;

/// What presence needs of an authenticated session: who it is, a way to push frames to it, and
/// whether it is alive. Implemented by the gateway's session; by a list in unit tests.
public interface PresenceSession {
  DeviceKey device();

  /// Queues a push (request id 0); any thread, never blocks.
  void push(PresencePush push);

  /// When the session last received a frame from its client (its heartbeat, HB-2): leases are
  /// renewed up to this time plus the TTL (PRS-5).
  long lastReceivedMs();

  boolean closed();
}
