package io.wya.mls.wire;

import java.time.Instant;

/// A KeyPackage that passed [KeyPackageValidator]. Only the validator creates these.
///
/// @param ref      its KeyPackageRef
/// @param notAfter end of its lifetime
public record ValidatedKeyPackage(KeyPackage keyPackage, CipherSuite cipherSuite, byte[] ref, Instant notAfter) {
  /// The credential of its leaf.
  public Credential credential() { return keyPackage.leafNode().credential(); }

  /// True when it carries the `last_resort` extension (type 10).
  public boolean lastResortExtension() { return keyPackage.hasLastResortExtension(); }
}
