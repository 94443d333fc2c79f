package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import io.wya.mls.spi.StateReader;
import io.wya.mls.spi.StateWriter;
import io.wya.mls.wire.MlsLimits;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.MlsWireException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.mls.GroupKeySet;
import org.bouncycastle.mls.KeyScheduleEpoch;
import org.bouncycastle.mls.TranscriptHash;
import org.bouncycastle.mls.TreeKEM.LeafIndex;
import org.bouncycastle.mls.TreeKEM.NodeIndex;
import org.bouncycastle.mls.TreeKEM.TreeKEMPrivateKey;
import org.bouncycastle.mls.TreeKEM.TreeKEMPublicKey;
import org.bouncycastle.mls.codec.Extension;
import org.bouncycastle.mls.codec.Proposal;
import org.bouncycastle.mls.crypto.MlsCipherSuite;
import org.bouncycastle.mls.crypto.Secret;
import org.bouncycastle.mls.protocol.CachedProposal;
import org.bouncycastle.mls.protocol.Group;

/// Saves and restores a bcmls 1.84 `Group` (mls-notes B2: bcmls has no way to). Every field of
/// the classes listed in [BcReflect#LAYOUT] is written, through bcmls's own MLS codecs where the
/// value has a wire form (the ratchet tree, proposals) and field by field otherwise; objects are
/// rebuilt with bcmls's public constructors, and private fields set only where no constructor
/// reaches them. Not restored, by design:
/// * `Secret.parents` — the links bcmls uses to zeroise a secret's ancestors when it is used;
///   the ancestors are not kept in the state at all, so there is nothing left to zeroise;
/// * `GroupKeySet.encryptionSecretCommit` — a hash of the epoch's encryption secret that only
///   `GroupKeySet.equals` reads (bcmls itself never calls it); it is final and its preimage is
///   consumed, so a restored set carries a commitment to a zero secret instead;
/// * the tree's hash caches, which `setHashAll` recomputes exactly as bcmls's own `clone` does;
///   likewise a leaf's `suite` field and a BasicCredential's empty certificate list, which a
///   decoded tree (bcmls's own `clone` included) leaves unset and nothing reads;
/// * the exact bytes of an X25519/X448 private key: HPKE serialises it clamped (RFC 9180 §7.1.2)
///   and clamps it on use, so the restored key is the same key.
///
/// A restored group must behave exactly like the original: `BcStateCodecTest` round-trips the
/// state after every kind of operation and continues the protocol against a peer that never
/// restarted, and `PassiveClientVectorsTest` restores after every epoch of the official vectors.
final class BcStateCodec {
  /// Resumption PSKs bcmls accumulates, one per epoch, forever; only this many recent ones are
  /// kept (WYA sends no PSK proposals; a peer's resumption PSK for an older epoch fails cleanly).
  static final int DEFAULT_RESUMPTION_PSK_EPOCHS = 8;
  static final int MAX_ITEMS = 1 << 20;

  private BcStateCodec() {}

  // ---------------------------------------------------------------- Group

  static void writeGroup(StateWriter w, Group g) throws MlsException {
    try {
      MlsCipherSuite suite = g.getSuite();
      w.u32(suite.getSuiteID() & 0xffff);
      w.bytes(g.getGroupID());
      w.i64(g.getEpoch());
      w.u32(g.getIndex().value());
      w.bytes(BcReflect.<byte[]>get(BcReflect.G_IDENTITY_SK, g));
      writeExtensions(w, g.getExtensions());
      TranscriptHash th = BcReflect.get(BcReflect.G_TRANSCRIPT, g);
      w.bytes(th.getConfirmed());
      w.bytes(th.getInterim());
      writeKeySchedule(w, suite, g.getKeySchedule());
      BcKeySetCodec.writeKeySet(w, BcReflect.get(BcReflect.G_KEYS, g));
      w.bytes(BcDecode.encode(g.getTree(), "ratchet tree"));
      writeTreePrivate(w, suite, BcReflect.get(BcReflect.G_TREE_PRIV, g));
      List<CachedProposal> pending = BcReflect.get(BcReflect.G_PENDING, g);
      w.u32(pending.size());
      for (CachedProposal cp : pending) {
        w.bytes(BcReflect.<byte[]>get(BcReflect.CP_REF, cp));
        w.bytes(BcDecode.encode(BcReflect.<Proposal>get(BcReflect.CP_PROPOSAL, cp), "proposal"));
        LeafIndex sender = BcReflect.get(BcReflect.CP_SENDER, cp);
        w.i64(sender == null ? -1 : sender.value());
      }
      if (BcReflect.get(BcReflect.G_CACHED_UPDATE, g) != null) {
        throw new MlsException(MlsError.INTERNAL, "a cached self-Update (this engine never proposes one) cannot be saved");
      }
      Map<Secret, byte[]> external = BcReflect.get(BcReflect.G_EXTERNAL_PSKS, g);
      w.u32(external.size());
      for (Map.Entry<Secret, byte[]> e : sorted(external, k -> java.util.HexFormat.of().formatHex(k.value()))) {
        w.bytes(e.getKey().value());
        w.bytes(e.getValue());
      }
      Map<Object, byte[]> resumption = BcReflect.get(BcReflect.G_RESUMPTION_PSKS, g);
      w.u32(resumption.size());
      for (Map.Entry<Object, byte[]> e : sorted(resumption, k -> BcReflect.<Long>get(BcReflect.EPOCH_REF_EPOCH, k))) {
        w.bytes(BcReflect.<byte[]>get(BcReflect.EPOCH_REF_ID, e.getKey()));
        w.i64(BcReflect.<Long>get(BcReflect.EPOCH_REF_EPOCH, e.getKey()));
        w.bytes(e.getValue());
      }
    } catch (MlsException e) {
      throw e;
    } catch (Exception e) {
      throw new MlsException(MlsError.INTERNAL, "saving a bcmls group: " + e, e);
    }
  }

  static Group readGroup(StateReader r) throws MlsException {
    try {
      MlsCipherSuite suite = BcMessages.suite((int) r.u32("suite"));
      Group g = new Group();
      BcReflect.set(BcReflect.G_SUITE, g, suite);
      BcReflect.set(BcReflect.G_GROUP_ID, g, r.required("group id"));
      BcReflect.set(BcReflect.G_EPOCH, g, r.i64("epoch"));
      BcReflect.set(BcReflect.G_INDEX, g, new LeafIndex((int) r.u32("index")));
      BcReflect.set(BcReflect.G_IDENTITY_SK, g, r.required("signature key"));
      BcReflect.set(BcReflect.G_EXTENSIONS, g, readExtensions(r));
      BcReflect.set(BcReflect.G_TRANSCRIPT, g, new TranscriptHash(suite, r.bytes("confirmed transcript hash"),
          r.bytes("interim transcript hash")));
      BcReflect.set(BcReflect.G_KEY_SCHEDULE, g, readKeySchedule(r, suite));
      BcReflect.set(BcReflect.G_KEYS, g, BcKeySetCodec.readKeySet(r, suite));
      BcReflect.set(BcReflect.G_TREE, g, readTree(r.required("ratchet tree"), suite));
      BcReflect.set(BcReflect.G_TREE_PRIV, g, readTreePrivate(r, suite, g.getIndex()));
      int pendingCount = r.count("pending proposals", MAX_ITEMS);
      ArrayList<CachedProposal> pending = new ArrayList<>();
      for (int i = 0; i < pendingCount; i++) {
        byte[] ref = r.required("proposal ref");
        Proposal proposal = readProposal(r.required("proposal"));
        long sender = r.i64("proposal sender");
        pending.add(new CachedProposal(ref, proposal, sender < 0 ? null : new LeafIndex((int) sender)));
      }
      BcReflect.set(BcReflect.G_PENDING, g, pending);
      BcReflect.set(BcReflect.G_CACHED_UPDATE, g, null);
      int externalCount = r.count("external PSKs", MAX_ITEMS);
      Map<Secret, byte[]> external = new HashMap<>();
      for (int i = 0; i < externalCount; i++) external.put(new Secret(r.required("PSK id")), r.required("PSK"));
      BcReflect.set(BcReflect.G_EXTERNAL_PSKS, g, external);
      int resumptionCount = r.count("resumption PSKs", MAX_ITEMS);
      Map<Group.EpochRef, byte[]> resumption = new HashMap<>();
      for (int i = 0; i < resumptionCount; i++) {
        byte[] id = r.required("resumption group id");
        long epoch = r.i64("resumption epoch");
        resumption.put(new Group.EpochRef(id, epoch), r.required("resumption PSK"));
      }
      BcReflect.set(BcReflect.G_RESUMPTION_PSKS, g, resumption);
      return g;
    } catch (MlsException e) {
      throw e;
    } catch (Exception e) {
      throw new MlsException(MlsError.STATE_CORRUPT, "restoring a bcmls group: " + e, e);
    }
  }

  /// Keeps only the resumption PSKs of the `keep` most recent epochs.
  static void trimResumptionPsks(Group g, int keep) {
    Map<Object, byte[]> resumption = BcReflect.get(BcReflect.G_RESUMPTION_PSKS, g);
    long oldest = g.getEpoch() - keep;
    resumption.keySet().removeIf(ref -> BcReflect.<Long>get(BcReflect.EPOCH_REF_EPOCH, ref) < oldest);
  }

  // ---------------------------------------------------------------- parts

  /// Map entries in key order, so that the same state always saves to the same bytes.
  static <K, V, C extends Comparable<? super C>> List<Map.Entry<K, V>> sorted(Map<K, V> map,
                                                                                     java.util.function.Function<K, C> key) {
    return map.entrySet().stream().sorted(java.util.Comparator.comparing(e -> key.apply(e.getKey()))).toList();
  }

  static void writeExtensions(StateWriter w, List<Extension> extensions) {
    w.u32(extensions.size());
    for (Extension e : extensions) {
      w.u32(e instanceof VerbatimExtension v ? v.type() : e.extensionType.getValue() & 0xffff);
      w.bytes(e.extension_data);
    }
  }

  static ArrayList<Extension> readExtensions(StateReader r) throws MlsException {
    int n = r.count("extensions", MAX_ITEMS);
    ArrayList<Extension> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int type = (int) r.u32("extension type");
      byte[] data = r.required("extension data");
      out.add(BcExtensions.representable(type) ? new Extension(type, data) : new VerbatimExtension(type, data));
    }
    return out;
  }

  static void writeSecret(StateWriter w, Secret s) {
    if (s == null) {
      w.u8(0);
    } else if (s.value() == null) {
      w.u8(1);
    } else {
      w.u8(2);
      w.bytes(s.value());
    }
  }

  static Secret readSecret(StateReader r, String what) throws MlsException {
    return switch (r.u8(what)) {
      case 0 -> null;
      case 1 -> new Secret(null);
      case 2 -> new Secret(r.required(what));
      default -> throw new MlsException(MlsError.STATE_CORRUPT, what + ": bad tag");
    };
  }

  static Secret requireSecret(StateReader r, String what) throws MlsException {
    Secret s = readSecret(r, what);
    if (s == null) throw new MlsException(MlsError.STATE_CORRUPT, what + " missing");
    return s;
  }

  private static void writeKeyPair(StateWriter w, HPKE hpke, AsymmetricCipherKeyPair kp) {
    if (kp == null) {
      w.bool(false);
      return;
    }
    w.bool(true);
    w.bytes(hpke.serializePrivateKey(kp.getPrivate()));
    w.bytes(hpke.serializePublicKey(kp.getPublic()));
  }

  private static AsymmetricCipherKeyPair readKeyPair(StateReader r, HPKE hpke) throws MlsException {
    if (!r.bool("key pair present")) return null;
    byte[] priv = r.required("private key");
    byte[] pub = r.required("public key");
    return hpke.deserializePrivateKey(priv, pub);
  }

  private static void writeKeySchedule(StateWriter w, MlsCipherSuite suite, KeyScheduleEpoch k) {
    for (Secret s : new Secret[] {k.initSecret, k.senderDataSecret, k.exporterSecret, k.confirmationKey, k.membershipKey,
        k.resumptionPSK, k.epochAuthenticator, k.encryptionSecret, k.externalSecret, k.joinerSecret}) {
      writeSecret(w, s);
    }
    writeKeyPair(w, suite.getHPKE(), BcReflect.get(BcReflect.KSE_EXTERNAL_KEY_PAIR, k));
    w.bool(k.groupKeySet != null);
    if (k.groupKeySet != null) BcKeySetCodec.writeKeySet(w, k.groupKeySet);
  }

  private static KeyScheduleEpoch readKeySchedule(StateReader r, MlsCipherSuite suite) throws MlsException {
    Secret[] s = new Secret[10];
    for (int i = 0; i < 9; i++) s[i] = requireSecret(r, "key schedule secret " + i);
    s[9] = readSecret(r, "joiner secret");
    AsymmetricCipherKeyPair external = readKeyPair(r, suite.getHPKE());
    GroupKeySet set = r.bool("key schedule key set") ? BcKeySetCodec.readKeySet(r, suite) : null;
    return new KeyScheduleEpoch(suite, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], external, set,
        s[9] == null ? new Secret(null) : s[9]);
  }

  private static void writeTreePrivate(StateWriter w, MlsCipherSuite suite, TreeKEMPrivateKey priv) {
    writeSecret(w, BcReflect.get(BcReflect.TKP_UPDATE_SECRET, priv));
    Map<NodeIndex, Secret> path = BcReflect.get(BcReflect.TKP_PATH_SECRETS, priv);
    w.u32(path.size());
    for (Map.Entry<NodeIndex, Secret> e : sorted(path, NodeIndex::value)) {
      w.i64(e.getKey().value());
      writeSecret(w, e.getValue());
    }
    Map<NodeIndex, AsymmetricCipherKeyPair> keys = BcReflect.get(BcReflect.TKP_KEY_CACHE, priv);
    w.u32(keys.size());
    for (Map.Entry<NodeIndex, AsymmetricCipherKeyPair> e : sorted(keys, NodeIndex::value)) {
      w.i64(e.getKey().value());
      writeKeyPair(w, suite.getHPKE(), e.getValue());
    }
  }

  private static TreeKEMPrivateKey readTreePrivate(StateReader r, MlsCipherSuite suite, LeafIndex index) throws MlsException {
    TreeKEMPrivateKey priv = new TreeKEMPrivateKey(suite, index);
    BcReflect.set(BcReflect.TKP_UPDATE_SECRET, priv, readSecret(r, "update secret"));
    int n = r.count("path secrets", MAX_ITEMS);
    for (int i = 0; i < n; i++) priv.insertPathSecret(new NodeIndex(r.i64("path node")), requireSecret(r, "path secret"));
    int k = r.count("node keys", MAX_ITEMS);
    for (int i = 0; i < k; i++) {
      NodeIndex node = new NodeIndex(r.i64("key node"));
      AsymmetricCipherKeyPair kp = readKeyPair(r, suite.getHPKE());
      if (kp == null) throw new MlsException(MlsError.STATE_CORRUPT, "node key missing");
      priv.insertPrivateKey(node, kp);
    }
    return priv;
  }

  /// A ratchet tree from its encoding: strictly parsed first (the state is authenticated, but
  /// bcmls's decoder sees nothing mls-wire has not accepted), then as bcmls's `clone` does it.
  static TreeKEMPublicKey readTree(byte[] encoded, MlsCipherSuite suite) throws MlsException {
    try {
      MlsWire.parseRatchetTree(encoded, new MlsLimits(Integer.MAX_VALUE));
    } catch (MlsWireException e) {
      throw new MlsException(MlsError.STATE_CORRUPT, "saved ratchet tree: " + e.getMessage(), e);
    }
    TreeKEMPublicKey tree = BcDecode.decode(encoded, TreeKEMPublicKey.class, "ratchet tree");
    try {
      tree.setSuite(suite);
      tree.setHashAll();
    } catch (Exception e) {
      throw new MlsException(MlsError.STATE_CORRUPT, "saved ratchet tree hashes: " + e, e);
    }
    return tree;
  }

  private static Proposal readProposal(byte[] encoded) throws MlsException {
    io.wya.mls.wire.Proposal parsed;
    try {
      parsed = MlsWire.parseProposal(encoded, new MlsLimits(Integer.MAX_VALUE));
    } catch (MlsWireException e) {
      throw new MlsException(MlsError.STATE_CORRUPT, "saved proposal: " + e.getMessage(), e);
    }
    BcExtensions.checkProposal(parsed);
    Proposal proposal = BcDecode.decode(encoded, Proposal.class, "proposal");
    BcExtensions.fixProposal(proposal, parsed);
    return proposal;
  }

}
