package io.wya.mls.wire;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/// Builds signed suite-1 KeyPackages field by field (test only), so each validation rule can be
/// broken on purpose while everything else stays valid.
final class KeyPackageBuilder {
  private static final SecureRandom RANDOM = new SecureRandom();

  int suite = 1;
  byte[] initKey = random(32);
  byte[] encryptionKey = random(32);
  final byte[] signaturePrivate = random(Ed25519.SECRET_KEY_SIZE);
  byte[] identity = random(48);
  int[] versions = {1};
  int[] suites = {1};
  int[] extensionCaps = {};
  int[] proposalCaps = {};
  int[] credentialCaps = {1};
  int leafSource = 1;
  long notBefore;
  long notAfter;
  final List<Extension> leafExtensions = new ArrayList<>();
  final List<Extension> keyPackageExtensions = new ArrayList<>();
  boolean corruptLeafSignature;
  boolean corruptKeyPackageSignature;

  KeyPackageBuilder(long nowSeconds) {
    notBefore = nowSeconds - 60;
    notAfter = nowSeconds + 30L * 86400;
  }

  byte[] signaturePublic() {
    byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(signaturePrivate, 0, pk, 0);
    return pk;
  }

  /// The bare KeyPackage encoding.
  byte[] build() {
    TlsWriter leaf = new TlsWriter().opaque(encryptionKey).opaque(signaturePublic()).u16(1).opaque(identity)
        .u16s(versions).u16s(suites).u16s(extensionCaps).u16s(proposalCaps).u16s(credentialCaps).u8(leafSource);
    if (leafSource == 1) leaf.u64(notBefore).u64(notAfter);
    if (leafSource == 3) leaf.opaque(new byte[32]);
    TestEncoder.extensions(leaf, leafExtensions);
    byte[] leafTbs = leaf.bytes();
    byte[] leafSignature = sign("LeafNodeTBS", leafTbs, corruptLeafSignature);
    TlsWriter kp = new TlsWriter().u16(1).u16(suite).opaque(initKey).raw(leafTbs).opaque(leafSignature);
    TestEncoder.extensions(kp, keyPackageExtensions);
    byte[] kpTbs = kp.bytes();
    return new TlsWriter().raw(kpTbs).opaque(sign("KeyPackageTBS", kpTbs, corruptKeyPackageSignature)).bytes();
  }

  /// The KeyPackage in an `MLSMessage` (wire format mls_key_package).
  byte[] buildMessage() {
    return new TlsWriter().u16(1).u16(5).raw(build()).bytes();
  }

  KeyPackage parsed() throws MlsWireException {
    return MlsWire.parseKeyPackage(build(), MlsLimits.DEFAULT);
  }

  private byte[] sign(String label, byte[] content, boolean corrupt) {
    byte[] message = MlsCrypto.signContent(label, content);
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(signaturePrivate, 0, message, 0, message.length, signature, 0);
    if (corrupt) signature[5] ^= 0x10;
    return signature;
  }

  static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
