package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import io.wya.mls.spi.GeneratedKeyPackage;
import io.wya.mls.spi.SigningKey;
import io.wya.mls.wire.Extension;
import io.wya.mls.wire.GroupInfo;
import io.wya.mls.wire.LeafNode;
import io.wya.mls.wire.MlsCrypto;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.MlsWireException;
import io.wya.mls.wire.RatchetTree;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.OptionalInt;
import org.bouncycastle.mls.TreeKEM.LeafIndex;
import org.bouncycastle.mls.codec.ExtensionType;
import org.bouncycastle.mls.codec.MLSMessage;
import org.bouncycastle.mls.crypto.MlsCipherSuite;
import org.bouncycastle.mls.crypto.Secret;
import org.bouncycastle.mls.protocol.Group;

/// External joins (RFC 9420 §12.4.3.2) from a GroupInfo. bcmls's `externalJoin` verifies
/// neither the GroupInfo's signature nor the tree's leaves, so we do both first, over the bytes
/// received. `external_pub` must be the RFC's `opaque HPKEPublicKey<V>`; ts-mls 1.x writes the
/// raw key without its length prefix (ADR 0304), which is accepted — after the signature over
/// the original bytes verified — only when the engine's `acceptUnprefixedExternalPub` is set.
final class BcExternalJoins {
  private BcExternalJoins() {}

  static BcStagedCommit prepare(BcEngine engine, GroupInfo parsed, byte[] groupInfo, byte[] identity, SigningKey key,
                                OptionalInt removeLeaf, Instant notBefore, Instant notAfter) throws MlsException {
    MlsCipherSuite suite = engine.suite();
    if (parsed.groupContext().cipherSuite() != suite.getSuiteID()) {
      throw new MlsException(MlsError.UNSUPPORTED_FEATURE, "GroupInfo for cipher suite " + parsed.groupContext().cipherSuite());
    }
    RatchetTree tree = BcWelcomes.acceptGroupInfo(engine, parsed, null);
    LeafNode signer = tree.leaf((int) parsed.signer())
        .orElseThrow(() -> new MlsException(MlsError.GROUP_INFO_INVALID, "signer leaf " + parsed.signer() + " is blank"));
    byte[] bare = Arrays.copyOfRange(groupInfo, 4, groupInfo.length);
    byte[] tbs = Arrays.copyOf(bare, bare.length - Tls.opaqueLength(parsed.signature().length));
    if (!MlsCrypto.verifyWithLabel(BcMessages.wireSuite(suite), signer.signatureKey(), "GroupInfoTBS", tbs, parsed.signature())) {
      throw new MlsException(MlsError.SIGNATURE_INVALID, "GroupInfo signature of leaf " + parsed.signer());
    }
    BcWelcomes.verifyLeaves(BcMessages.wireSuite(suite), parsed.groupContext().groupId(), tree);
    byte[] pubData = BcWelcomes.extension(parsed, Extension.EXTERNAL_PUB)
        .orElseThrow(() -> new MlsException(MlsError.GROUP_INFO_INVALID, "no external_pub: the group does not allow external joins"));
    byte[] externalPub = externalPub(engine, suite, pubData);

    MLSMessage message = BcDecode.decode(groupInfo, MLSMessage.class, "GroupInfo");
    BcDecode.requireExactReencoding(message, groupInfo, "GroupInfo");
    List<org.bouncycastle.mls.codec.Extension> extensions = message.groupInfo.getExtensions();
    for (int i = 0; i < extensions.size(); i++) {
      if (extensions.get(i).extensionType == ExtensionType.EXTERNAL_PUB) {
        extensions.set(i, new org.bouncycastle.mls.codec.Extension(ExtensionType.EXTERNAL_PUB, new Tls().opaque(externalPub).bytes()));
      }
    }
    try {
      GeneratedKeyPackage kp = BcKeyPackages.create(suite, identity, key, notBefore, notAfter, false);
      byte[] leafSecret = new byte[suite.getKDF().getHashLength()];
      engine.random().nextBytes(leafSecret);
      Group.GroupWithMessage joined = Group.externalJoin(new Secret(leafSecret), suite.deserializeSignaturePrivateKey(key.privateKey()),
          engine.keyPackageFromMessage(kp.message()), message.groupInfo, null, new Group.MessageOptions(),
          removeLeaf.isPresent() ? new LeafIndex(removeLeaf.getAsInt()) : null, new HashMap<>());
      byte[] commit = BcDecode.encode(joined.message, "external Commit");
      byte[] newInfo = BcDecode.encode(joined.group.getGroupInfo(true), "GroupInfo");
      return new BcStagedCommit(joined.group, commit, null, newInfo, parsed.groupContext().epoch(), true);
    } catch (MlsException e) {
      throw e;
    } catch (Exception e) {
      throw BcErrors.map(e, MlsError.GROUP_INFO_INVALID, "external join");
    }
  }

  /// The external public key: `opaque HPKEPublicKey<V>` of exactly the suite's key size; the
  /// unprefixed raw key only when so configured (a raw key may itself parse as a shorter
  /// prefixed one, so the length decides).
  private static byte[] externalPub(BcEngine engine, MlsCipherSuite suite, byte[] data) throws MlsException {
    int keyLength = suite.getHPKE().getEncSize();
    String problem;
    try {
      byte[] key = MlsWire.parseExternalPub(data);
      if (key.length == keyLength) return key;
      problem = "a " + key.length + "-byte key, the suite's keys have " + keyLength;
    } catch (MlsWireException e) {
      problem = e.getMessage();
    }
    if (engine.acceptUnprefixedExternalPub() && data.length == keyLength) return data.clone();
    throw new MlsException(MlsError.GROUP_INFO_INVALID, "external_pub is not an opaque HPKEPublicKey<V> (" + problem + ")");
  }
}
