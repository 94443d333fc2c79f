package io.wya.gateway.auth;

import io.vertx.core.Future;
import io.wya.gateway.protocol.DeviceKey;
import java.time.Duration;

/// Single-use resume tokens valid on every instance (AUTH-5, AUTH-6).
public interface ResumeTokens {
  /// Stores `token` for `device` for `ttl`.
  Future<Void> issue(byte[] token, DeviceKey device, Duration ttl);

  /// Takes the token (it can never be used again); null when unknown, expired or used.
  Future<DeviceKey> consume(byte[] token);
}
