package io.wya.mls.wire;

/// Why [KeyPackageValidator] rejected a KeyPackage (RFC 9420 §10.1 and §7.3 public checks).
public enum KeyPackageProblem {
  /// The suite is not RFC 9420's or not in the validator's allowed set.
  UNSUPPORTED_CIPHER_SUITE,
  /// `leaf_node_source` is not `key_package`.
  WRONG_LEAF_NODE_SOURCE,
  /// `not_before` is later than now (plus the allowed clock skew).
  NOT_YET_VALID,
  /// `not_after` is not later than now.
  EXPIRED,
  /// `not_after − not_before` exceeds the maximum lifetime (RFC 9420 §7.2: applications MUST
  /// define one).
  LIFETIME_TOO_LONG,
  /// The HPKE init key equals the leaf's encryption key.
  INIT_KEY_EQUALS_ENCRYPTION_KEY,
  /// capabilities.versions does not list mls10.
  CAPABILITIES_MISSING_VERSION,
  /// capabilities.cipher_suites does not list the KeyPackage's suite.
  CAPABILITIES_MISSING_CIPHER_SUITE,
  /// capabilities.credentials does not list the leaf's credential type.
  CAPABILITIES_MISSING_CREDENTIAL,
  /// A non-default extension of the leaf is not listed in capabilities.extensions.
  CAPABILITIES_MISSING_EXTENSION,
  /// The leaf's signature (LeafNodeTBS) does not verify.
  BAD_LEAF_SIGNATURE,
  /// The KeyPackage's signature (KeyPackageTBS) does not verify.
  BAD_KEY_PACKAGE_SIGNATURE
}
