package io.wya.gateway.transport;

import io.wya.gateway.session.Session;

/// One open connection of an event loop: its session and what the transport must do on ticks.
interface Connection {
  Session session();

  /// Periodic work of the transport itself (SSE: refresh the stream's directory entry).
  default void tick(long nowMs) {}
}
