package io.wya.gateway.auth;

import io.vertx.core.Future;
import io.wya.gateway.protocol.DeviceKey;
import java.time.Instant;

/// Registered devices of each user (AUTH-4).
public interface DeviceStore {
  /// What [#register] did.
  enum Registration { EXISTING, REGISTERED, LIMIT_REACHED }

  /// Registers `device` unless its user already has `maxPerUser` devices; a known device is
  /// [Registration#EXISTING]. Concurrent registrations of one user never exceed the limit.
  Future<Registration> register(DeviceKey device, int maxPerUser, Instant now);
}
