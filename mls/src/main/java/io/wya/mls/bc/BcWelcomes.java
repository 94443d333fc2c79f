package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import io.wya.mls.spi.MlsEngine;
import io.wya.mls.spi.SigningKey;
import io.wya.mls.wire.CipherSuite;
import io.wya.mls.wire.Extension;
import io.wya.mls.wire.GroupInfo;
import io.wya.mls.wire.GroupSecrets;
import io.wya.mls.wire.LeafNode;
import io.wya.mls.wire.LeafNodeSource;
import io.wya.mls.wire.MlsCrypto;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.MlsWireException;
import io.wya.mls.wire.RatchetTree;
import io.wya.mls.wire.Welcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.mls.KeyScheduleEpoch;
import org.bouncycastle.mls.TreeKEM.TreeKEMPublicKey;
import org.bouncycastle.mls.codec.KeyPackage;
import org.bouncycastle.mls.codec.MLSMessage;
import org.bouncycastle.mls.codec.PSKType;
import org.bouncycastle.mls.codec.PreSharedKeyID;
import org.bouncycastle.mls.crypto.MlsCipherSuite;
import org.bouncycastle.mls.crypto.Secret;
import org.bouncycastle.mls.protocol.Group;

/// Joining from a Welcome. bcmls decrypts the group secrets and the GroupInfo itself and feeds
/// both, and the ratchet tree inside, to its unsafe decoder (B4); so we decrypt them first, parse
/// them strictly, check that bcmls can represent their extensions (B3) and verify what bcmls
/// does not (the signature of every leaf in the tree, RFC 9420 §12.4.3.1), and only then let
/// bcmls build the group from bytes we have accepted.
final class BcWelcomes {
  private BcWelcomes() {}

  static MlsEngine.Joined join(BcEngine engine, Welcome parsed, byte[] welcome, SigningKey key, MlsEngine.KeyPackageSecrets secrets,
                               Map<Secret, byte[]> externalPsks, byte[] externalTree) throws MlsException {
    MlsCipherSuite suite = engine.suite();
    if (parsed.cipherSuite() != suite.getSuiteID()) {
      throw new MlsException(MlsError.UNSUPPORTED_FEATURE, "Welcome for cipher suite " + parsed.cipherSuite());
    }
    Welcome.EncryptedGroupSecrets mine = null;
    byte[] privateState = null;
    for (Welcome.EncryptedGroupSecrets s : parsed.secrets()) {
      Optional<byte[]> found = secrets.privateState(s.newMember());
      if (found.isPresent()) {
        mine = s;
        privateState = found.get();
        break;
      }
    }
    if (mine == null) throw new MlsException(MlsError.NO_MATCHING_KEY_PACKAGE, "none of the Welcome's recipients is a KeyPackage of this device");
    BcKeyPackages.Private kp = BcKeyPackages.readPrivate(suite, privateState);
    try {
      byte[] initPriv = suite.getHPKE().serializePrivateKey(kp.init().getPrivate());
      byte[] secretsBytes;
      try {
        secretsBytes = suite.decryptWithLabel(initPriv, "Welcome", parsed.encryptedGroupInfo(),
            mine.encryptedGroupSecrets().kemOutput(), mine.encryptedGroupSecrets().ciphertext());
      } catch (InvalidCipherTextException | RuntimeException e) {
        throw new MlsException(MlsError.WELCOME_INVALID, "group secrets do not decrypt with this KeyPackage's init key");
      }
      GroupSecrets groupSecrets = strict(() -> MlsWire.parseGroupSecrets(secretsBytes, engine.limits()), "GroupSecrets");
      org.bouncycastle.mls.codec.GroupSecrets bcSecrets = BcDecode.decode(secretsBytes, org.bouncycastle.mls.codec.GroupSecrets.class,
          "GroupSecrets");
      List<KeyScheduleEpoch.PSKWithSecret> psks = new ArrayList<>();
      for (PreSharedKeyID id : bcSecrets.psks) {
        byte[] psk = id.pskType == PSKType.EXTERNAL ? externalPsks.get(id.external.externalPSKID) : null;
        if (psk == null) throw new MlsException(MlsError.UNSUPPORTED_FEATURE, "the Welcome needs a PSK this device does not have");
        psks.add(new KeyScheduleEpoch.PSKWithSecret(id, new Secret(psk.clone())));
      }
      Secret welcomeSecret = KeyScheduleEpoch.welcomeSecret(suite, groupSecrets.joinerSecret(), psks);
      byte[] infoBytes;
      try {
        infoBytes = suite.getAEAD().open(
            welcomeSecret.expandWithLabel(suite, "key", new byte[0], suite.getAEAD().getKeySize()).value(),
            welcomeSecret.expandWithLabel(suite, "nonce", new byte[0], suite.getAEAD().getNonceSize()).value(),
            new byte[0], parsed.encryptedGroupInfo());
      } catch (InvalidCipherTextException | RuntimeException e) {
        throw new MlsException(MlsError.WELCOME_INVALID, "the GroupInfo does not decrypt with the Welcome's joiner secret");
      }
      GroupInfo info = strict(() -> MlsWire.parseGroupInfo(infoBytes, engine.limits()), "GroupInfo");
      RatchetTree tree = acceptGroupInfo(engine, info, externalTree);
      BcDecode.requireExactReencoding(BcDecode.decode(infoBytes, org.bouncycastle.mls.codec.GroupInfo.class, "GroupInfo"), infoBytes,
          "GroupInfo");
      TreeKEMPublicKey treeIn = null;
      if (externalTree != null && extension(info, Extension.RATCHET_TREE).isEmpty()) {
        treeIn = BcDecode.decode(externalTree, TreeKEMPublicKey.class, "ratchet tree");
        BcDecode.requireExactReencoding(treeIn, externalTree, "ratchet tree");
      }
      verifyLeaves(BcMessages.wireSuite(suite), info.groupContext().groupId(), tree);

      MLSMessage message = BcDecode.decode(welcome, MLSMessage.class, "Welcome");
      BcDecode.requireExactReencoding(message, welcome, "Welcome");
      KeyPackage keyPackage = engine.keyPackageFromMessage(kp.message());
      Group group;
      try {
        group = new Group(initPriv, kp.leaf(), key.privateKey(), keyPackage, message.welcome, treeIn,
            new HashMap<>(externalPsks), new HashMap<>());
      } catch (Exception e) {
        throw BcErrors.map(e, MlsError.WELCOME_INVALID, "joining from a Welcome");
      }
      return new MlsEngine.Joined(new BcGroup(engine, group, null, List.of()), mine.newMember());
    } catch (MlsException e) {
      throw e;
    } catch (Exception e) {
      throw BcErrors.map(e, MlsError.WELCOME_INVALID, "joining from a Welcome");
    }
  }

  /// Checks what a joiner learns from a GroupInfo before bcmls reads it: representable
  /// extensions, a strictly parsed ratchet tree (from the extension or given), a well-formed
  /// external_pub. Returns the tree.
  static RatchetTree acceptGroupInfo(BcEngine engine, GroupInfo info, byte[] externalTree) throws MlsException {
    BcExtensions.checkGroupInfo(info);
    Optional<byte[]> inline = extension(info, Extension.RATCHET_TREE);
    byte[] treeBytes = inline.orElse(externalTree);
    if (treeBytes == null) throw new MlsException(MlsError.WELCOME_INVALID, "no ratchet tree (WYA sends it inline)");
    RatchetTree tree = strict(() -> MlsWire.parseRatchetTree(treeBytes, engine.limits()), "ratchet tree");
    BcExtensions.checkTree(tree);
    if (inline.isPresent()) {
      TreeKEMPublicKey bcTree = BcDecode.decode(treeBytes, TreeKEMPublicKey.class, "ratchet tree");
      BcDecode.requireExactReencoding(bcTree, treeBytes, "ratchet tree");
    }
    return tree;
  }

  /// RFC 9420 §7.3 / §12.4.3.1: every leaf's signature verifies (bcmls checks tree and parent
  /// hashes, but not the leaves).
  static void verifyLeaves(CipherSuite suite, byte[] groupId, RatchetTree tree) throws MlsException {
    for (int i = 0; i < tree.leafCount(); i++) {
      Optional<LeafNode> leaf = tree.leaf(i);
      if (leaf.isEmpty()) continue;
      LeafNode l = leaf.get();
      byte[] tbs = l.source() instanceof LeafNodeSource.KeyPackageSource ? l.tbsPrefix()
          : new Tls().raw(l.tbsPrefix()).opaque(groupId).u32(i).bytes();
      if (!MlsCrypto.verifyWithLabel(suite, l.signatureKey(), "LeafNodeTBS", tbs, l.signature())) {
        throw new MlsException(MlsError.SIGNATURE_INVALID, "leaf " + i + " of the ratchet tree");
      }
    }
  }

  static Optional<byte[]> extension(GroupInfo info, int type) {
    for (Extension e : info.extensions()) if (e.type() == type) return Optional.of(e.data());
    return Optional.empty();
  }

  interface Parse<T> {
    T run() throws MlsWireException;
  }

  static <T> T strict(Parse<T> parse, String what) throws MlsException {
    try {
      return parse.run();
    } catch (MlsWireException e) {
      throw new MlsException(MlsError.MALFORMED_MESSAGE, what + ": " + e.getMessage(), e);
    }
  }
}
