package io.wya.mls.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import java.util.function.Consumer;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.mls.TreeKEM.LeafNode;
import org.bouncycastle.mls.TreeKEM.LifeTime;
import org.bouncycastle.mls.codec.Capabilities;
import org.bouncycastle.mls.codec.Credential;
import org.bouncycastle.mls.codec.MLSInputStream;
import org.bouncycastle.mls.codec.MLSMessage;
import org.bouncycastle.mls.codec.MLSOutputStream;
import org.bouncycastle.mls.crypto.MlsCipherSuite;
import org.junit.jupiter.api.Test;

class KeyPackageValidatorTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final KeyPackageValidator VALIDATOR = new KeyPackageValidator(Set.of(1, 3), Duration.ofDays(90), Duration.ofMinutes(5));

  @Test
  void acceptsAWellFormedKeyPackageAndComputesItsRef() throws Exception {
    KeyPackageBuilder b = new KeyPackageBuilder(NOW.getEpochSecond());
    KeyPackage kp = b.parsed();
    ValidatedKeyPackage valid = VALIDATOR.validate(kp, NOW);
    assertThat(valid.ref()).isEqualTo(MlsCrypto.refHash(CipherSuite.MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519,
        "MLS 1.0 KeyPackage Reference".getBytes(), b.build()));
    assertThat(((io.wya.mls.wire.Credential.Basic) valid.credential()).identity()).isEqualTo(b.identity);
    assertThat(valid.notAfter()).isEqualTo(Instant.ofEpochSecond(b.notAfter));
    assertThat(valid.lastResortExtension()).isFalse();
  }

  @Test
  void acceptsBouncyCastleKeyPackagesWithTheSameRefBouncyCastleComputes() throws Exception {
    MlsCipherSuite suite = MlsCipherSuite.getSuite(MlsCipherSuite.MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519);
    org.bouncycastle.mls.codec.KeyPackage bc = bcKeyPackage(suite, NOW.getEpochSecond() - 10, NOW.getEpochSecond() + 86400);
    byte[] message = MLSOutputStream.encode(MLSMessage.keyPackage(bc));
    KeyPackage parsed = (KeyPackage) MlsWire.parseMessage(message);
    ValidatedKeyPackage valid = VALIDATOR.validate(parsed, NOW);
    assertThat(valid.ref()).isEqualTo(suite.refHash(MLSOutputStream.encode(bc), "MLS 1.0 KeyPackage Reference"));
  }

  @Test
  void rejectsBouncyCastlesDefaultNeverExpiringLifetime() throws Exception {
    MlsCipherSuite suite = MlsCipherSuite.getSuite(MlsCipherSuite.MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519);
    org.bouncycastle.mls.codec.KeyPackage bc = bcKeyPackage(suite, 0, -1);
    KeyPackage parsed = MlsWire.parseKeyPackage(MLSOutputStream.encode(bc), MlsLimits.DEFAULT);
    assertThat(problemOf(parsed)).isEqualTo(KeyPackageProblem.LIFETIME_TOO_LONG);
  }

  @Test
  void eachRuleHasItsOwnProblem() throws Exception {
    long now = NOW.getEpochSecond();
    expect(KeyPackageProblem.UNSUPPORTED_CIPHER_SUITE, b -> { b.suite = 2; b.suites = new int[] {2}; });
    expect(KeyPackageProblem.UNSUPPORTED_CIPHER_SUITE, b -> b.suite = 0x0A0A);
    expect(KeyPackageProblem.WRONG_LEAF_NODE_SOURCE, b -> b.leafSource = 2);
    expect(KeyPackageProblem.WRONG_LEAF_NODE_SOURCE, b -> b.leafSource = 3);
    expect(KeyPackageProblem.NOT_YET_VALID, b -> b.notBefore = now + 3600);
    expect(KeyPackageProblem.EXPIRED, b -> { b.notBefore = now - 7200; b.notAfter = now; });
    expect(KeyPackageProblem.LIFETIME_TOO_LONG, b -> b.notAfter = b.notBefore + Duration.ofDays(91).toSeconds());
    expect(KeyPackageProblem.LIFETIME_TOO_LONG, b -> b.notAfter = -1);
    expect(KeyPackageProblem.INIT_KEY_EQUALS_ENCRYPTION_KEY, b -> b.initKey = b.encryptionKey.clone());
    expect(KeyPackageProblem.CAPABILITIES_MISSING_VERSION, b -> b.versions = new int[] {2});
    expect(KeyPackageProblem.CAPABILITIES_MISSING_CIPHER_SUITE, b -> b.suites = new int[] {3});
    expect(KeyPackageProblem.CAPABILITIES_MISSING_CREDENTIAL, b -> b.credentialCaps = new int[] {2});
    expect(KeyPackageProblem.CAPABILITIES_MISSING_EXTENSION, b -> b.leafExtensions.add(new Extension(0xF000, new byte[0])));
    expect(KeyPackageProblem.BAD_LEAF_SIGNATURE, b -> b.corruptLeafSignature = true);
    expect(KeyPackageProblem.BAD_KEY_PACKAGE_SIGNATURE, b -> b.corruptKeyPackageSignature = true);
  }

  @Test
  void defaultExtensionsNeedNotBeListedButCustomOnesMayBe() throws Exception {
    KeyPackageBuilder b = new KeyPackageBuilder(NOW.getEpochSecond());
    b.leafExtensions.add(new Extension(Extension.APPLICATION_ID, new byte[] {1}));
    b.leafExtensions.add(new Extension(0xF000, new byte[0]));
    b.extensionCaps = new int[] {0xF000};
    assertThat(VALIDATOR.validate(b.parsed(), NOW)).isNotNull();
  }

  @Test
  void detectsTheLastResortExtension() throws Exception {
    KeyPackageBuilder b = new KeyPackageBuilder(NOW.getEpochSecond());
    b.keyPackageExtensions.add(new Extension(Extension.LAST_RESORT, new byte[0]));
    assertThat(VALIDATOR.validate(b.parsed(), NOW).lastResortExtension()).isTrue();
  }

  private static void expect(KeyPackageProblem problem, Consumer<KeyPackageBuilder> breakIt) throws Exception {
    KeyPackageBuilder b = new KeyPackageBuilder(NOW.getEpochSecond());
    breakIt.accept(b);
    assertThat(problemOf(b.parsed())).as(problem.name()).isEqualTo(problem);
  }

  private static KeyPackageProblem problemOf(KeyPackage kp) {
    InvalidKeyPackageException e = catchThrowableOfType(InvalidKeyPackageException.class, () -> VALIDATOR.validate(kp, NOW));
    return e == null ? null : e.problem();
  }

  /// A KeyPackage made by BouncyCastle bcmls 1.84, with a bounded lifetime (its default never
  /// expires; mls-notes B9).
  static org.bouncycastle.mls.codec.KeyPackage bcKeyPackage(MlsCipherSuite suite, long notBefore, long notAfter) throws Exception {
    AsymmetricCipherKeyPair init = suite.getHPKE().generatePrivateKey();
    AsymmetricCipherKeyPair leafKeys = suite.getHPKE().generatePrivateKey();
    AsymmetricCipherKeyPair sig = suite.generateSignatureKeyPair();
    byte[] lifetime = ByteBuffer.allocate(16).putLong(notBefore).putLong(notAfter).array();
    LeafNode leaf = new LeafNode(suite, suite.getHPKE().serializePublicKey(leafKeys.getPublic()),
        suite.serializeSignaturePublicKey(sig.getPublic()), Credential.forBasic(KeyPackageBuilder.random(48)),
        new Capabilities(), new LifeTime(new MLSInputStream(lifetime)), new ArrayList<>(),
        suite.serializeSignaturePrivateKey(sig.getPrivate()));
    return new org.bouncycastle.mls.codec.KeyPackage(suite, suite.getHPKE().serializePublicKey(init.getPublic()), leaf,
        new ArrayList<>(), suite.serializeSignaturePrivateKey(sig.getPrivate()));
  }
}
