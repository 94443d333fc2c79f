package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import io.wya.mls.spi.EngineGroup;
import io.wya.mls.spi.GeneratedKeyPackage;
import io.wya.mls.spi.MlsEngine;
import io.wya.mls.spi.SigningKey;
import io.wya.mls.spi.StagedCommit;
import io.wya.mls.wire.GroupInfo;
import io.wya.mls.wire.MlsLimits;
import io.wya.mls.wire.MlsMessage;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.MlsWireException;
import io.wya.mls.wire.Welcome;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.mls.codec.KeyPackage;
import org.bouncycastle.mls.codec.MLSMessage;
import org.bouncycastle.mls.crypto.MlsCipherSuite;
import org.bouncycastle.mls.crypto.Secret;
import org.bouncycastle.mls.protocol.Group;

/// The BouncyCastle bcmls 1.84 engine (ADR 0300). bcmls does the RFC 9420 cryptography and
/// state transitions; this package adds what it lacks or gets wrong — see [BcReflect] and
/// [BcStateCodec] (B2, state), [BcCommitter] (B1, B3, B7, B8), [BcExtensions] (B3),
/// [BcDecode] and [BcMessages] (B4, B5, B11), [BcGroup] (B6), [BcKeyPackages] (B9),
/// [BcErrors] (B12), [BcLock] (B13: every bcmls call holds one JVM-wide lock, ADR 0305).
public final class BcEngine implements MlsEngine {
  /// The engine and state-layout id written with every state blob.
  public static final String ID = "bcmls-1.84/1";

  /// Knobs of the engine, each with a safe default.
  ///
  /// @param limits                     caps on untrusted MLS bytes (mls-wire)
  /// @param maxForwardRatchet          how far a sender's generation may run ahead of what was
  ///                                   received from it (keys derived and kept for the gap)
  /// @param resumptionPskEpochs        how many epochs of resumption PSKs to keep
  /// @param acceptUnprefixedExternalPub accept ts-mls 1.x's `external_pub` without its length
  ///                                   prefix (ADR 0304)
  public record Options(MlsLimits limits, int maxForwardRatchet, int resumptionPskEpochs, boolean acceptUnprefixedExternalPub) {
    public static final Options DEFAULTS = new Options(MlsLimits.DEFAULT, 1000, BcStateCodec.DEFAULT_RESUMPTION_PSK_EPOCHS, true);

    public Options {
      if (maxForwardRatchet < 0) throw new IllegalArgumentException("maxForwardRatchet must be ≥ 0");
      if (resumptionPskEpochs < 1) throw new IllegalArgumentException("resumptionPskEpochs must be ≥ 1");
    }
  }

  private final MlsCipherSuite suite;
  private final Options options;
  private final SecureRandom random;

  /// An engine for `cipherSuite` (WYA uses 1: X25519, AES-128-GCM, SHA-256, Ed25519).
  public BcEngine(int cipherSuite, Options options, SecureRandom random) throws MlsException {
    BcReflect.check();
    this.suite = BcMessages.suite(cipherSuite);
    this.options = options;
    this.random = random;
  }

  /// Suite 1 with the default options.
  public static BcEngine standard() throws MlsException {
    return new BcEngine(1, Options.DEFAULTS, new SecureRandom());
  }

  @Override public String id() { return ID; }

  @Override public int cipherSuite() { return suite.getSuiteID(); }

  MlsCipherSuite suite() { return suite; }

  SecureRandom random() { return random; }

  MlsLimits limits() { return options.limits(); }

  int maxForwardRatchet() { return options.maxForwardRatchet(); }

  int resumptionPskEpochs() { return options.resumptionPskEpochs(); }

  boolean acceptUnprefixedExternalPub() { return options.acceptUnprefixedExternalPub(); }

  @Override
  public SigningKey newSigningKey() {
    try (BcLock _ = BcLock.hold()) {
      AsymmetricCipherKeyPair kp = suite.generateSignatureKeyPair();
      return new SigningKey(suite.serializeSignaturePrivateKey(kp.getPrivate()), suite.serializeSignaturePublicKey(kp.getPublic()));
    }
  }

  @Override
  public GeneratedKeyPackage newKeyPackage(byte[] identity, SigningKey key, Instant notBefore, Instant notAfter, boolean lastResort)
      throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      return BcKeyPackages.create(suite, identity, key, notBefore, notAfter, lastResort);
    }
  }

  @Override
  public EngineGroup createGroup(byte[] groupId, byte[] identity, SigningKey key, Instant notBefore, Instant notAfter)
      throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      AsymmetricCipherKeyPair leafKey = suite.getHPKE().generatePrivateKey();
      Group g = new Group(groupId.clone(), suite, leafKey, key.privateKey(),
          BcKeyPackages.leafNode(suite, identity, key, leafKey, notBefore, notAfter), new ArrayList<>());
      return new BcGroup(this, g, null, List.of());
    } catch (MlsException e) {
      throw e;
    } catch (Exception e) {
      throw BcErrors.map(e, MlsError.INTERNAL, "creating a group");
    }
  }

  @Override
  public Joined join(Welcome parsed, byte[] welcome, SigningKey key, KeyPackageSecrets secrets) throws MlsException {
    return join(parsed, welcome, key, secrets, Map.of(), null);
  }

  /// Joining with external PSKs and an out-of-band ratchet tree: only the official
  /// passive-client vectors need these (WYA uses neither).
  Joined join(Welcome parsed, byte[] welcome, SigningKey key, KeyPackageSecrets secrets, Map<Secret, byte[]> externalPsks,
              byte[] ratchetTree) throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      return BcWelcomes.join(this, parsed, welcome, key, secrets, externalPsks, ratchetTree);
    }
  }

  @Override
  public StagedCommit externalJoin(GroupInfo parsed, byte[] groupInfo, byte[] identity, SigningKey key, OptionalInt removeLeaf,
                                   Instant notBefore, Instant notAfter) throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      return BcExternalJoins.prepare(this, parsed, groupInfo, identity, key, removeLeaf, notBefore, notAfter);
    }
  }

  @Override
  public EngineGroup completeExternalJoin(StagedCommit staged) throws MlsException {
    if (!(staged instanceof BcStagedCommit bc) || !bc.external) throw new MlsException(MlsError.INTERNAL, "not an external join");
    try (BcLock _ = BcLock.hold()) {
      BcStateCodec.trimResumptionPsks(bc.next, resumptionPskEpochs());
      return new BcGroup(this, bc.next, null, List.of());
    }
  }

  @Override
  public EngineGroup restoreGroup(byte[] state) throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      return BcGroup.restore(this, state);
    }
  }

  @Override
  public StagedCommit restoreStagedCommit(byte[] state) throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      return BcStagedCommit.restore(state);
    }
  }

  /// Strict parse under this engine's limits.
  MlsMessage parse(byte[] bytes) throws MlsException {
    try {
      return MlsWire.parseMessage(bytes, options.limits());
    } catch (MlsWireException e) {
      throw new MlsException(MlsError.MALFORMED_MESSAGE, e.getMessage(), e);
    }
  }

  /// A bcmls KeyPackage from a KeyPackage `MLSMessage`: parsed strictly, decoded, extensions
  /// fixed up (B3), re-encoding checked.
  KeyPackage keyPackageFromMessage(byte[] message) throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      if (!(parse(message) instanceof io.wya.mls.wire.KeyPackage wire)) {
        throw new MlsException(MlsError.INVALID_KEY_PACKAGE, "not a KeyPackage message");
      }
      BcExtensions.checkKeyPackage(wire);
      MLSMessage decoded = BcDecode.decode(message, MLSMessage.class, "KeyPackage");
      BcExtensions.fixKeyPackage(decoded.keyPackage, wire);
      BcDecode.requireExactReencoding(decoded, message, "KeyPackage");
      return decoded.keyPackage;
    }
  }
}
