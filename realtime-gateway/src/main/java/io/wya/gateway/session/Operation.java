package io.wya.gateway.session;

import io.vertx.core.Future;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ServerFrame;

/// One authenticated operation (GATEWAY_SPEC §13): its success reply (null for none), or a
/// failed future with a [io.wya.gateway.outcome.Rejection]. Runs on the session's loop; may
/// complete anywhere.
@FunctionalInterface
public interface Operation<T extends ClientFrame> {
  Future<ServerFrame> handle(Session session, T frame);
}
