package io.wya.mls.wire;

/// `PreSharedKeyID` (RFC 9420 §8.4).
public sealed interface PreSharedKeyId {
  /// The `psk_nonce`.
  byte[] nonce();

  /// psktype external (1).
  record External(byte[] pskId, byte[] nonce) implements PreSharedKeyId {}

  /// psktype resumption (2); `usage` is ResumptionPSKUsage (1 application, 2 reinit, 3 branch).
  record Resumption(int usage, byte[] pskGroupId, long pskEpoch, byte[] nonce) implements PreSharedKeyId {}
}
