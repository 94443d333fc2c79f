package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.mls.GroupKeySet;
import org.bouncycastle.mls.KeyScheduleEpoch;
import org.bouncycastle.mls.TranscriptHash;
import org.bouncycastle.mls.TreeKEM.LeafIndex;
import org.bouncycastle.mls.TreeKEM.LeafNode;
import org.bouncycastle.mls.TreeKEM.TreeKEMPublicKey;
import org.bouncycastle.mls.codec.Extension;
import org.bouncycastle.mls.codec.GroupContext;
import org.bouncycastle.mls.crypto.MlsCipherSuite;
import org.bouncycastle.mls.protocol.Group;

/// What it takes to read the messages of one epoch: its encoded GroupContext, sender-data
/// secret, secret tree (`GroupKeySet`, mutated as keys are used) and each member's signature key.
/// The current epoch's view is built over the live `Group`; the previous epoch's is kept after a
/// Commit so that an application message encrypted just before it can still be read (mls-notes
/// B11; the gateway accepts those for GATEWAY_APP_EPOCH_GRACE = 1 epoch). It holds no path
/// secrets, init secret or exporter: nothing that could decrypt or create anything else.
final class EpochKeys {
  final int suiteId;
  final byte[] groupId;
  final long epoch;
  final byte[] groupContext;
  final byte[] senderDataSecret;
  final GroupKeySet keys;
  final int ownLeaf;
  final int leafCount;
  /// Signature public key of each non-blank leaf.
  final Map<Integer, byte[]> signatureKeys;
  /// Credential identity of each non-blank leaf.
  final Map<Integer, byte[]> identities;

  EpochKeys(int suiteId, byte[] groupId, long epoch, byte[] groupContext, byte[] senderDataSecret, GroupKeySet keys, int ownLeaf,
            int leafCount, Map<Integer, byte[]> signatureKeys, Map<Integer, byte[]> identities) {
    this.suiteId = suiteId;
    this.groupId = groupId;
    this.epoch = epoch;
    this.groupContext = groupContext;
    this.senderDataSecret = senderDataSecret;
    this.keys = keys;
    this.ownLeaf = ownLeaf;
    this.leafCount = leafCount;
    this.signatureKeys = signatureKeys;
    this.identities = identities;
  }

  /// The view of `group`'s current epoch (sharing its live secret tree).
  static EpochKeys of(Group group) throws MlsException {
    TreeKEMPublicKey tree = group.getTree();
    Map<Integer, byte[]> keys = new TreeMap<>();
    Map<Integer, byte[]> identities = new TreeMap<>();
    int leaves = (int) tree.getSize().leafCount();
    for (int i = 0; i < leaves; i++) {
      LeafNode leaf = tree.getLeafNode(new LeafIndex(i));
      if (leaf != null) {
        keys.put(i, leaf.getSignatureKey());
        identities.put(i, leaf.getCredential().getIdentity());
      }
    }
    KeyScheduleEpoch schedule = group.getKeySchedule();
    return new EpochKeys(group.getSuite().getSuiteID(), group.getGroupID(), group.getEpoch(), groupContext(group),
        schedule.senderDataSecret.value().clone(), BcReflect.get(BcReflect.G_KEYS, group), group.getIndex().value(), leaves, keys,
        identities);
  }

  /// The encoded GroupContext of `group`'s current epoch.
  static byte[] groupContext(Group group) throws MlsException {
    try {
      TranscriptHash transcript = BcReflect.get(BcReflect.G_TRANSCRIPT, group);
      java.util.List<Extension> extensions = group.getExtensions();
      MlsCipherSuite suite = group.getSuite();
      return BcDecode.encode(new GroupContext(suite, group.getGroupID(), group.getEpoch(), group.getTree().getRootHash(),
          transcript.getConfirmed(), extensions), "GroupContext");
    } catch (MlsException e) {
      throw e;
    } catch (Exception e) {
      throw new MlsException(MlsError.INTERNAL, "GroupContext of the current epoch: " + e, e);
    }
  }
}
