package io.wya.mls.wire;

import java.util.List;

/// A `KeyPackage` (RFC 9420 §10), as sent in an `MLSMessage` or inside an Add proposal.
///
/// @param encoded the KeyPackage's own encoding (without any `MLSMessage` header): the input of
///                the KeyPackageRef ([MlsCrypto#keyPackageRef])
/// @param tbs     the KeyPackageTBS bytes the signature covers
public record KeyPackage(int version, int cipherSuite, byte[] initKey, LeafNode leafNode, List<Extension> extensions,
                         byte[] signature, byte[] tbs, byte[] encoded) implements MlsMessage {
  public KeyPackage {
    extensions = List.copyOf(extensions);
  }

  @Override public WireFormat wireFormat() { return WireFormat.KEY_PACKAGE; }

  /// True when the KeyPackage carries the `last_resort` extension (type 10).
  public boolean hasLastResortExtension() { return Extension.contains(extensions, Extension.LAST_RESORT); }
}
