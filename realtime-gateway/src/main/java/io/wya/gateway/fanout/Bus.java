package io.wya.gateway.fanout;

import io.vertx.core.Future;

/// The wire between the instances of one deployment (GATEWAY_SPEC §12): a broadcast to all, and
/// a message to one instance. At most once: receivers never rely on it for completeness, only
/// for promptness (the log in PostgreSQL stays the truth).
public interface Bus {
  /// Sends to every instance (including this one, which skips its own messages).
  void broadcast(byte[] message);

  /// Sends to one instance; true when it was listening.
  Future<Boolean> sendTo(String instanceId, byte[] message);

  /// A deployment of one instance.
  Bus NONE = new Bus() {
    @Override public void broadcast(byte[] message) {}

    @Override public Future<Boolean> sendTo(String instanceId, byte[] message) { return Future.succeededFuture(false); }
  };
}
