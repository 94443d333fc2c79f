package io.wya.gateway.transport;

import io.vertx.core.Future;
import java.time.Duration;

/// Which instance holds each open SSE stream, for POSTs that reach another instance (MULTI-2).
public interface StreamDirectory {
  Future<Void> put(String streamId, String instanceId, Duration ttl);

  /// The holding instance, or null.
  Future<String> owner(String streamId);

  Future<Void> remove(String streamId);
}
