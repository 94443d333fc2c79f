package io.wya.gateway.session;

import java.security.SecureRandom;

/// Randomness for nonces, tokens and ids (injected so that tests can be deterministic).
@FunctionalInterface
public interface Entropy {
  byte[] bytes(int n);

  /// `SecureRandom`, the production source.
  static Entropy secure() {
    SecureRandom random = new SecureRandom();
    return n -> {
      byte[] b = new byte[n];
      random.nextBytes(b);
      return b;
    };
  }
}
