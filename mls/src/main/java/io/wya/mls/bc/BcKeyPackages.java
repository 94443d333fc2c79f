package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import io.wya.mls.spi.GeneratedKeyPackage;
import io.wya.mls.spi.SigningKey;
import io.wya.mls.spi.StateReader;
import io.wya.mls.spi.StateWriter;
import io.wya.mls.wire.Extension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.mls.TreeKEM.LeafNode;
import org.bouncycastle.mls.TreeKEM.LifeTime;
import org.bouncycastle.mls.codec.Capabilities;
import org.bouncycastle.mls.codec.Credential;
import org.bouncycastle.mls.codec.KeyPackage;
import org.bouncycastle.mls.codec.MLSInputStream;
import org.bouncycastle.mls.codec.MLSMessage;
import org.bouncycastle.mls.crypto.MlsCipherSuite;

/// KeyPackages and leaf nodes of this device.
/// * **B9**: bcmls's `LifeTime()` is [0, 2^64−1] ("never expires") and has no bounded
///   constructor; RFC 9420 §7.2 requires a bounded one and the gateway rejects others (KP-1), so
///   the lifetime is decoded from its 16-byte wire form.
/// * **B3**: `last_resort` (type 10) is written as a [VerbatimExtension], so the KeyPackage
///   really carries it (bcmls alone would write GREASE 0x4A4A), and listed in the leaf's
///   capabilities.
final class BcKeyPackages {
  private static final int PRIVATE_FORMAT = 1;

  private BcKeyPackages() {}

  /// The private half of a KeyPackage: its message and its init and leaf HPKE key pairs.
  record Private(byte[] message, AsymmetricCipherKeyPair init, AsymmetricCipherKeyPair leaf) {}

  static GeneratedKeyPackage create(MlsCipherSuite suite, byte[] identity, SigningKey key, Instant notBefore, Instant notAfter,
                                    boolean lastResort) throws MlsException {
    try {
      HPKE hpke = suite.getHPKE();
      AsymmetricCipherKeyPair init = hpke.generatePrivateKey();
      AsymmetricCipherKeyPair leafKey = hpke.generatePrivateKey();
      LeafNode leaf = leafNode(suite, identity, key, leafKey, notBefore, notAfter);
      List<org.bouncycastle.mls.codec.Extension> extensions = new ArrayList<>();
      if (lastResort) extensions.add(new VerbatimExtension(Extension.LAST_RESORT, new byte[0]));
      KeyPackage kp = new KeyPackage(suite, hpke.serializePublicKey(init.getPublic()), leaf, extensions, key.privateKey());
      byte[] message = BcDecode.encode(MLSMessage.keyPackage(kp), "KeyPackage");
      byte[] ref = suite.refHash(BcDecode.encode(kp, "KeyPackage"), "MLS 1.0 KeyPackage Reference");
      byte[] privateState = new StateWriter().u8(PRIVATE_FORMAT).bytes(message)
          .bytes(hpke.serializePrivateKey(init.getPrivate())).bytes(hpke.serializePublicKey(init.getPublic()))
          .bytes(hpke.serializePrivateKey(leafKey.getPrivate())).bytes(hpke.serializePublicKey(leafKey.getPublic()))
          .toByteArray();
      return new GeneratedKeyPackage(message, ref, Instant.ofEpochSecond(notAfter.getEpochSecond()), lastResort, privateState);
    } catch (MlsException e) {
      throw e;
    } catch (Exception e) {
      throw BcErrors.map(e, MlsError.INTERNAL, "creating a KeyPackage");
    }
  }

  /// A key_package-source leaf for this device: BasicCredential `identity`, bounded lifetime,
  /// default capabilities plus `last_resort`.
  static LeafNode leafNode(MlsCipherSuite suite, byte[] identity, SigningKey key, AsymmetricCipherKeyPair leafKey,
                           Instant notBefore, Instant notAfter) throws Exception {
    Capabilities capabilities = new Capabilities();
    capabilities.getExtensions().add((short) Extension.LAST_RESORT);
    return new LeafNode(suite, suite.getHPKE().serializePublicKey(leafKey.getPublic()), key.publicKey(),
        Credential.forBasic(identity.clone()), capabilities, lifetime(notBefore, notAfter), new ArrayList<>(), key.privateKey());
  }

  /// B9: a bounded `Lifetime`, through its wire form (`uint64 not_before; uint64 not_after`).
  static LifeTime lifetime(Instant notBefore, Instant notAfter) throws Exception {
    if (!notAfter.isAfter(notBefore)) throw new MlsException(MlsError.INTERNAL, "empty lifetime " + notBefore + ".." + notAfter);
    byte[] wire = new Tls().u64(notBefore.getEpochSecond()).u64(notAfter.getEpochSecond()).bytes();
    return new LifeTime(new MLSInputStream(wire));
  }

  static Private readPrivate(MlsCipherSuite suite, byte[] state) throws MlsException {
    StateReader r = new StateReader(state);
    int format = r.u8("KeyPackage private format");
    if (format != PRIVATE_FORMAT) throw new MlsException(MlsError.STATE_FORMAT_UNSUPPORTED, "KeyPackage private format " + format);
    byte[] message = r.required("KeyPackage message");
    HPKE hpke = suite.getHPKE();
    AsymmetricCipherKeyPair init = hpke.deserializePrivateKey(r.required("init private"), r.required("init public"));
    AsymmetricCipherKeyPair leaf = hpke.deserializePrivateKey(r.required("leaf private"), r.required("leaf public"));
    r.end("KeyPackage private state");
    return new Private(message, init, leaf);
  }
}
