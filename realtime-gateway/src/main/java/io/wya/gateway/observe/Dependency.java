package io.wya.gateway.observe;

import io.vertx.core.Future;

/// A dependency the readiness check asks (OPS-1).
public interface Dependency {
  String name();

  /// Succeeds when the dependency answers.
  Future<Void> check();
}
