package io.wya.mls.wire;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/// Public validation of a KeyPackage as a Delivery Service (or a client about to add someone) can
/// do it without group state: RFC 9420 §10.1 and the KeyPackage-source parts of §7.3 — suite,
/// source, lifetime (current and within a maximum), init key ≠ encryption key, capabilities, leaf
/// signature, KeyPackage signature. Identity policy (who may own which credential) is the
/// caller's. Immutable and thread-safe.
public final class KeyPackageValidator {
  private final Set<Integer> cipherSuites;
  private final Duration maxLifetime;
  private final Duration clockSkew;

  /// @param cipherSuites suites to accept (codes)
  /// @param maxLifetime  maximum `not_after − not_before`
  /// @param clockSkew    how far in the future `not_before` may be
  public KeyPackageValidator(Set<Integer> cipherSuites, Duration maxLifetime, Duration clockSkew) {
    this.cipherSuites = Set.copyOf(cipherSuites);
    this.maxLifetime = maxLifetime;
    this.clockSkew = clockSkew;
  }

  /// Validates `kp` at time `now`.
  public ValidatedKeyPackage validate(KeyPackage kp, Instant now) throws InvalidKeyPackageException {
    CipherSuite suite = CipherSuite.of(kp.cipherSuite());
    if (suite == null || !cipherSuites.contains(kp.cipherSuite())) {
      throw new InvalidKeyPackageException(KeyPackageProblem.UNSUPPORTED_CIPHER_SUITE, "suite " + kp.cipherSuite());
    }
    LeafNode leaf = kp.leafNode();
    if (!(leaf.source() instanceof LeafNodeSource.KeyPackageSource(long notBefore, long notAfter))) {
      throw new InvalidKeyPackageException(KeyPackageProblem.WRONG_LEAF_NODE_SOURCE, leaf.source().getClass().getSimpleName());
    }
    long nowSeconds = now.getEpochSecond();
    if (Long.compareUnsigned(notBefore, nowSeconds + clockSkew.toSeconds()) > 0) {
      throw new InvalidKeyPackageException(KeyPackageProblem.NOT_YET_VALID, "not_before " + Long.toUnsignedString(notBefore));
    }
    if (Long.compareUnsigned(notAfter, nowSeconds) <= 0) {
      throw new InvalidKeyPackageException(KeyPackageProblem.EXPIRED, "not_after " + Long.toUnsignedString(notAfter));
    }
    if (Long.compareUnsigned(notAfter, notBefore) < 0 || notAfter < 0 || notAfter - notBefore > maxLifetime.toSeconds()) {
      throw new InvalidKeyPackageException(KeyPackageProblem.LIFETIME_TOO_LONG,
          Long.toUnsignedString(notBefore) + ".." + Long.toUnsignedString(notAfter) + " exceeds " + maxLifetime);
    }
    if (java.util.Arrays.equals(kp.initKey(), leaf.encryptionKey())) {
      throw new InvalidKeyPackageException(KeyPackageProblem.INIT_KEY_EQUALS_ENCRYPTION_KEY, "");
    }
    checkCapabilities(kp, leaf);
    if (!MlsCrypto.verifyWithLabel(suite, leaf.signatureKey(), "LeafNodeTBS", leaf.tbsPrefix(), leaf.signature())) {
      throw new InvalidKeyPackageException(KeyPackageProblem.BAD_LEAF_SIGNATURE, "");
    }
    if (!MlsCrypto.verifyWithLabel(suite, leaf.signatureKey(), "KeyPackageTBS", kp.tbs(), kp.signature())) {
      throw new InvalidKeyPackageException(KeyPackageProblem.BAD_KEY_PACKAGE_SIGNATURE, "");
    }
    return new ValidatedKeyPackage(kp, suite, MlsCrypto.keyPackageRef(suite, kp), Instant.ofEpochSecond(notAfter));
  }

  private static void checkCapabilities(KeyPackage kp, LeafNode leaf) throws InvalidKeyPackageException {
    Capabilities caps = leaf.capabilities();
    if (!caps.versions().contains(MlsParser.MLS10)) {
      throw new InvalidKeyPackageException(KeyPackageProblem.CAPABILITIES_MISSING_VERSION, caps.versions().toString());
    }
    if (!caps.cipherSuites().contains(kp.cipherSuite())) {
      throw new InvalidKeyPackageException(KeyPackageProblem.CAPABILITIES_MISSING_CIPHER_SUITE, caps.cipherSuites().toString());
    }
    if (!caps.credentials().contains(leaf.credential().type())) {
      throw new InvalidKeyPackageException(KeyPackageProblem.CAPABILITIES_MISSING_CREDENTIAL, caps.credentials().toString());
    }
    List<Extension> extensions = leaf.extensions();
    for (Extension e : extensions) {
      if (!Extension.isDefault(e.type()) && !caps.extensions().contains(e.type())) {
        throw new InvalidKeyPackageException(KeyPackageProblem.CAPABILITIES_MISSING_EXTENSION, "extension " + e.type());
      }
    }
  }
}
