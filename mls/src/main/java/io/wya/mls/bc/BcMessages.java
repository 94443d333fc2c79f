package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import io.wya.mls.wire.CipherSuite;
import io.wya.mls.wire.ContentType;
import io.wya.mls.wire.MlsCrypto;
import io.wya.mls.wire.MlsLimits;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.MlsWireException;
import io.wya.mls.wire.PrivateMessage;
import io.wya.mls.wire.PrivateMessageContent;
import io.wya.mls.wire.PublicMessage;
import io.wya.mls.wire.SenderData;
import io.wya.mls.wire.Sender;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.mls.GroupKeySet;
import org.bouncycastle.mls.KeyGeneration;
import org.bouncycastle.mls.KeyScheduleEpoch;
import org.bouncycastle.mls.TreeKEM.LeafIndex;
import org.bouncycastle.mls.crypto.MlsCipherSuite;

/// Authentication and decryption of incoming messages over the bytes as received, in our code
/// rather than bcmls's `unprotect` (mls-notes B4, B5, B11, B12):
/// * every structure decrypted from a PrivateMessage is parsed by mls-wire before anything
///   else reads it (bcmls would hand the plaintext to its unsafe decoder);
/// * MACs are compared in constant time;
/// * a sender's generation may run at most `maxForwardRatchet` ahead of its ratchet;
/// * a message key is erased only after the signature verified, so a forged message (any member
///   can derive every member's keys) cannot burn the key of a genuine one;
/// * the reuse guard is applied to a copy of the nonce (bcmls XORs the cached one in place);
/// * the previous epoch's keys can be used as well as the current one's.
final class BcMessages {
  private static final int WIRE_PUBLIC = 1;
  private static final int WIRE_PRIVATE = 2;
  private static final int MLS10 = 1;

  private BcMessages() {}

  /// A PrivateMessage this device sent itself (its key was deleted when it was sent).
  record Own(int leaf, long generation) {}

  /// A decrypted and authenticated PrivateMessage of another member.
  ///
  /// @param authenticatedContent the `AuthenticatedContent` encoding (wire format, content,
  ///                             auth data) for bcmls, when the content is a handshake
  record Opened(int leaf, long generation, PrivateMessageContent content, byte[] authenticatedContent) {}

  /// Verifies a PublicMessage's membership tag (member senders) and signature over the received
  /// bytes. `groupContext` is the current epoch's; `signatureKey` the sender's.
  static void verifyPublic(MlsCipherSuite suite, byte[] membershipKey, byte[] groupContext, byte[] signatureKey, PublicMessage pm)
      throws MlsException {
    byte[] ac = pm.authenticatedContent();
    int authLength = Tls.opaqueLength(pm.signature().length) + pm.confirmationTag().map(t -> Tls.opaqueLength(t.length)).orElse(0);
    byte[] framedContent = Arrays.copyOfRange(ac, 2, ac.length - authLength);
    byte[] authData = Arrays.copyOfRange(ac, ac.length - authLength, ac.length);
    boolean withContext = pm.sender() instanceof Sender.Member || pm.sender() instanceof Sender.NewMemberCommit;
    byte[] tbs = tbs(WIRE_PUBLIC, framedContent, withContext ? groupContext : new byte[0]);
    if (pm.sender() instanceof Sender.Member) {
      byte[] tbm = new Tls().raw(tbs).raw(authData).bytes();
      byte[] expected = suite.getKDF().extract(membershipKey, tbm);
      if (!MessageDigest.isEqual(expected, pm.membershipTag().orElse(new byte[0]))) {
        throw new MlsException(MlsError.MEMBERSHIP_TAG_INVALID, "PublicMessage of epoch " + pm.epoch());
      }
    }
    if (!MlsCrypto.verifyWithLabel(wireSuite(suite), signatureKey, "FramedContentTBS", tbs, pm.signature())) {
      throw new MlsException(MlsError.SIGNATURE_INVALID, "PublicMessage " + pm.contentType() + " signature");
    }
  }

  /// Decrypts a PrivateMessage with the keys of its epoch: [Own] for this device's own messages,
  /// [Opened] (authenticated) for anyone else's.
  static Object decryptPrivate(EpochKeys k, PrivateMessage pm, MlsLimits limits, int maxForwardRatchet) throws MlsException {
    MlsCipherSuite suite = suite(k.suiteId);
    SenderData sender = senderData(suite, k, pm);
    if (sender.leafIndex() >= k.leafCount || !k.signatureKeys.containsKey((int) sender.leafIndex())) {
      throw new MlsException(MlsError.UNKNOWN_SENDER, "leaf " + sender.leafIndex() + " is not a member of epoch " + k.epoch);
    }
    int leaf = (int) sender.leafIndex();
    if (leaf == k.ownLeaf) return new Own(leaf, sender.generation());
    if (sender.generation() > Integer.MAX_VALUE) {
      throw new MlsException(MlsError.GENERATION_TOO_FAR_AHEAD, "generation " + sender.generation());
    }
    int generation = (int) sender.generation();
    org.bouncycastle.mls.codec.ContentType bcType = bcContentType(pm.contentType());
    KeyGeneration key = keyFor(k.keys, bcType, leaf, generation, maxForwardRatchet);
    byte[] nonce = key.nonce.clone();
    for (int i = 0; i < 4; i++) nonce[i] ^= sender.reuseGuard()[i];
    byte[] aad = new Tls().opaque(pm.groupId()).u64(pm.epoch()).u8(pm.contentType().code()).opaque(pm.authenticatedData()).bytes();
    byte[] plaintext;
    try {
      plaintext = suite.getAEAD().open(key.key, nonce, aad, pm.ciphertext());
    } catch (InvalidCipherTextException | RuntimeException e) {
      throw new MlsException(MlsError.DECRYPTION_FAILED, "content of a PrivateMessage from leaf " + leaf);
    }
    PrivateMessageContent content;
    try {
      content = MlsWire.parsePrivateMessageContent(pm.contentType(), plaintext, limits);
    } catch (MlsWireException e) {
      throw new MlsException(MlsError.MALFORMED_MESSAGE, "decrypted PrivateMessage content: " + e.getMessage(), e);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    byte[] framedContent = new Tls().opaque(pm.groupId()).u64(pm.epoch()).u8(1).u32(leaf).opaque(pm.authenticatedData())
        .u8(pm.contentType().code()).raw(content.contentBytes()).bytes();
    byte[] tbs = tbs(WIRE_PRIVATE, framedContent, k.groupContext);
    if (!MlsCrypto.verifyWithLabel(wireSuite(suite), k.signatureKeys.get(leaf), "FramedContentTBS", tbs, content.signature())) {
      throw new MlsException(MlsError.SIGNATURE_INVALID, "PrivateMessage " + pm.contentType() + " from leaf " + leaf);
    }
    erase(k.keys, bcType, leaf, generation);
    Tls ac = new Tls().u16(WIRE_PRIVATE).raw(framedContent).opaque(content.signature());
    content.confirmationTag().ifPresent(ac::opaque);
    return new Opened(leaf, generation, content, ac.bytes());
  }

  /// Decrypts only the sender data of a PrivateMessage (used on our own messages, to learn the
  /// generation whose key must be erased).
  static SenderData senderData(MlsCipherSuite suite, EpochKeys k, PrivateMessage pm) throws MlsException {
    KeyGeneration senderKey;
    byte[] plaintext;
    try {
      senderKey = KeyScheduleEpoch.senderDataKeys(suite, k.senderDataSecret.clone(), pm.ciphertext());
      byte[] aad = new Tls().opaque(pm.groupId()).u64(pm.epoch()).u8(pm.contentType().code()).bytes();
      plaintext = suite.getAEAD().open(senderKey.key, senderKey.nonce, aad, pm.encryptedSenderData());
    } catch (InvalidCipherTextException | java.io.IOException | RuntimeException e) {
      throw new MlsException(MlsError.DECRYPTION_FAILED, "sender data of a PrivateMessage of epoch " + pm.epoch());
    }
    try {
      return MlsWire.parseSenderData(plaintext);
    } catch (MlsWireException e) {
      throw new MlsException(MlsError.MALFORMED_MESSAGE, "SenderData: " + e.getMessage(), e);
    }
  }

  private static KeyGeneration keyFor(GroupKeySet keys, org.bouncycastle.mls.codec.ContentType type, int leaf, int generation,
                                      int maxForwardRatchet) throws MlsException {
    try {
      LeafIndex index = new LeafIndex(leaf);
      Object ratchet = type == org.bouncycastle.mls.codec.ContentType.APPLICATION
          ? keys.applicationRatchet(index) : keys.handshakeRatchet(index);
      int next = BcReflect.get(BcReflect.HR_NEXT_GENERATION, ratchet);
      Map<Integer, KeyGeneration> cache = BcReflect.get(BcReflect.HR_CACHE, ratchet);
      if (!cache.containsKey(generation)) {
        if (generation < next) {
          throw new MlsException(MlsError.KEY_ALREADY_USED, "generation " + generation + " of leaf " + leaf + " (next is " + next + ")");
        }
        if ((long) generation - next > maxForwardRatchet) {
          throw new MlsException(MlsError.GENERATION_TOO_FAR_AHEAD, "generation " + generation + " of leaf " + leaf + " is "
              + (generation - next) + " ahead (limit " + maxForwardRatchet + ")");
        }
      }
      // an all-zero reuse guard: bcmls would otherwise XOR the cached nonce in place
      return keys.get(type, index, generation, new byte[4]);
    } catch (MlsException e) {
      throw e;
    } catch (Exception e) {
      throw new MlsException(MlsError.INTERNAL, "secret tree for leaf " + leaf + ": " + e, e);
    }
  }

  static void erase(GroupKeySet keys, org.bouncycastle.mls.codec.ContentType type, int leaf, int generation) throws MlsException {
    try {
      keys.erase(type, new LeafIndex(leaf), generation);
    } catch (Exception e) {
      throw new MlsException(MlsError.INTERNAL, "erasing a used key: " + e, e);
    }
  }

  private static byte[] tbs(int wireFormat, byte[] framedContent, byte[] groupContext) {
    return new Tls().u16(MLS10).u16(wireFormat).raw(framedContent).raw(groupContext).bytes();
  }

  static org.bouncycastle.mls.codec.ContentType bcContentType(ContentType type) {
    return switch (type) {
      case APPLICATION -> org.bouncycastle.mls.codec.ContentType.APPLICATION;
      case PROPOSAL -> org.bouncycastle.mls.codec.ContentType.PROPOSAL;
      case COMMIT -> org.bouncycastle.mls.codec.ContentType.COMMIT;
    };
  }

  static MlsCipherSuite suite(int id) throws MlsException {
    try {
      return MlsCipherSuite.getSuite((short) id);
    } catch (Exception e) {
      throw new MlsException(MlsError.UNSUPPORTED_FEATURE, "cipher suite " + id);
    }
  }

  static CipherSuite wireSuite(MlsCipherSuite suite) {
    return CipherSuite.of(suite.getSuiteID());
  }
}
