package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import io.wya.mls.spi.StateReader;
import io.wya.mls.spi.StateWriter;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.mls.GroupKeySet;
import org.bouncycastle.mls.KeyGeneration;
import org.bouncycastle.mls.TreeKEM.LeafIndex;
import org.bouncycastle.mls.TreeKEM.NodeIndex;
import org.bouncycastle.mls.TreeSize;
import org.bouncycastle.mls.crypto.MlsCipherSuite;
import org.bouncycastle.mls.crypto.Secret;

/// The part of [BcStateCodec] for a `GroupKeySet` (the secret tree and the per-sender hash
/// ratchets, with the keys cached for out-of-order messages) and for the previous epoch's
/// [EpochKeys]. Rebuilt through `GroupKeySet`'s public constructor; the tree's node secrets and the
/// ratchets are then put in place.
final class BcKeySetCodec {
  private BcKeySetCodec() {}

  static void writeKeySet(StateWriter w, GroupKeySet set) {
    TreeSize size = BcReflect.get(BcReflect.ST_TREE_SIZE, set.secretTree);
    w.i64(size.leafCount());
    w.u32(set.secretTree.secrets.size());
    for (Map.Entry<NodeIndex, Secret> e : BcStateCodec.sorted(set.secretTree.secrets, NodeIndex::value)) {
      w.i64(e.getKey().value());
      BcStateCodec.writeSecret(w, e.getValue());
    }
    writeRatchets(w, BcReflect.get(BcReflect.GKS_HANDSHAKE, set));
    writeRatchets(w, BcReflect.get(BcReflect.GKS_APPLICATION, set));
  }

  private static void writeRatchets(StateWriter w, Map<LeafIndex, Object> ratchets) {
    w.u32(ratchets.size());
    for (Map.Entry<LeafIndex, Object> e : BcStateCodec.sorted(ratchets, LeafIndex::value)) {
      w.u32(e.getKey().value());
      Object ratchet = e.getValue();
      BcStateCodec.writeSecret(w, BcReflect.get(BcReflect.HR_NEXT_SECRET, ratchet));
      w.u32(BcReflect.<Integer>get(BcReflect.HR_NEXT_GENERATION, ratchet));
      Map<Integer, KeyGeneration> cache = BcReflect.get(BcReflect.HR_CACHE, ratchet);
      w.u32(cache.size());
      for (KeyGeneration kg : cache.values().stream().sorted(java.util.Comparator.comparingInt((KeyGeneration k) -> k.generation)).toList()) {
        w.u32(kg.generation);
        w.bytes(kg.key);
        w.bytes(kg.nonce);
      }
    }
  }

  static GroupKeySet readKeySet(StateReader r, MlsCipherSuite suite) throws MlsException {
    try {
      long leaves = r.i64("secret tree size");
      if (leaves < 0 || leaves > BcStateCodec.MAX_ITEMS) throw new MlsException(MlsError.STATE_CORRUPT, "secret tree of " + leaves + " leaves");
      GroupKeySet set = new GroupKeySet(suite, TreeSize.forLeaves(leaves), new Secret(new byte[suite.getKDF().getHashLength()]));
      Map<NodeIndex, Secret> secrets = new HashMap<>();
      int n = r.count("secret tree nodes", BcStateCodec.MAX_ITEMS);
      for (int i = 0; i < n; i++) {
        NodeIndex node = new NodeIndex(r.i64("secret tree node"));
        secrets.put(node, BcStateCodec.requireSecret(r, "secret tree secret"));
      }
      set.secretTree.secrets = secrets;
      BcReflect.set(BcReflect.GKS_HANDSHAKE, set, readRatchets(r, set));
      BcReflect.set(BcReflect.GKS_APPLICATION, set, readRatchets(r, set));
      return set;
    } catch (MlsException e) {
      throw e;
    } catch (Exception e) {
      throw new MlsException(MlsError.STATE_CORRUPT, "restoring a secret tree: " + e, e);
    }
  }

  private static Map<LeafIndex, Object> readRatchets(StateReader r, GroupKeySet set) throws Exception {
    int n = r.count("ratchets", BcStateCodec.MAX_ITEMS);
    Map<LeafIndex, Object> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      LeafIndex leaf = new LeafIndex((int) r.u32("ratchet leaf"));
      Object ratchet = BcReflect.newHashRatchet(set, BcStateCodec.readSecret(r, "ratchet secret"));
      BcReflect.set(BcReflect.HR_NEXT_GENERATION, ratchet, (int) r.u32("ratchet generation"));
      int cached = r.count("cached generations", BcStateCodec.MAX_ITEMS);
      Map<Integer, KeyGeneration> cache = BcReflect.get(BcReflect.HR_CACHE, ratchet);
      for (int j = 0; j < cached; j++) {
        int generation = (int) r.u32("cached generation");
        KeyGeneration kg = new KeyGeneration(generation, new Secret(r.required("cached key")), new Secret(r.required("cached nonce")));
        cache.put(generation, kg);
      }
      out.put(leaf, ratchet);
    }
    return out;
  }

  static void writeEpochKeys(StateWriter w, EpochKeys k) {
    w.u32(k.suiteId);
    w.bytes(k.groupId);
    w.i64(k.epoch);
    w.bytes(k.groupContext);
    w.bytes(k.senderDataSecret);
    writeKeySet(w, k.keys);
    w.u32(k.ownLeaf);
    w.u32(k.leafCount);
    w.u32(k.signatureKeys.size());
    for (Map.Entry<Integer, byte[]> e : k.signatureKeys.entrySet()) {
      w.u32(e.getKey());
      w.bytes(e.getValue());
      w.bytes(k.identities.get(e.getKey()));
    }
  }

  static EpochKeys readEpochKeys(StateReader r) throws MlsException {
    int suiteId = (int) r.u32("suite");
    MlsCipherSuite suite = BcMessages.suite(suiteId);
    byte[] groupId = r.required("group id");
    long epoch = r.i64("epoch");
    byte[] context = r.required("group context");
    byte[] senderData = r.required("sender data secret");
    GroupKeySet keys = readKeySet(r, suite);
    int own = (int) r.u32("own leaf");
    int leafCount = (int) r.u32("leaf count");
    int n = r.count("signature keys", BcStateCodec.MAX_ITEMS);
    Map<Integer, byte[]> sig = new java.util.TreeMap<>();
    Map<Integer, byte[]> identities = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      int leaf = (int) r.u32("leaf");
      sig.put(leaf, r.required("signature key"));
      identities.put(leaf, r.required("identity"));
    }
    return new EpochKeys(suiteId, groupId, epoch, context, senderData, keys, own, leafCount, sig, identities);
  }
}
