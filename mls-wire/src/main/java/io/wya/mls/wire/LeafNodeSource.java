package io.wya.mls.wire;

/// Where a LeafNode came from (RFC 9420 §7.2), with the source-specific field.
public sealed interface LeafNodeSource {
  /// In a KeyPackage: the validity window, in seconds since the Unix epoch (uint64 bits; compare
  /// unsigned).
  record KeyPackageSource(long notBefore, long notAfter) implements LeafNodeSource {}

  /// In an Update proposal.
  record UpdateSource() implements LeafNodeSource {}

  /// In a Commit's UpdatePath, with the parent hash.
  record CommitSource(byte[] parentHash) implements LeafNodeSource {}
}
