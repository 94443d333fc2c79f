package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.mls.KeyScheduleEpoch;
import org.bouncycastle.mls.TranscriptHash;
import org.bouncycastle.mls.TreeKEM.LeafIndex;
import org.bouncycastle.mls.TreeKEM.LeafNode;
import org.bouncycastle.mls.TreeKEM.NodeIndex;
import org.bouncycastle.mls.TreeKEM.TreeKEMPrivateKey;
import org.bouncycastle.mls.TreeKEM.TreeKEMPublicKey;
import org.bouncycastle.mls.codec.AuthenticatedContent;
import org.bouncycastle.mls.codec.Commit;
import org.bouncycastle.mls.codec.ContentType;
import org.bouncycastle.mls.codec.Extension;
import org.bouncycastle.mls.codec.ExtensionType;
import org.bouncycastle.mls.codec.FramedContent;
import org.bouncycastle.mls.codec.GroupContext;
import org.bouncycastle.mls.codec.GroupInfo;
import org.bouncycastle.mls.codec.KeyPackage;
import org.bouncycastle.mls.codec.MLSMessage;
import org.bouncycastle.mls.codec.Proposal;
import org.bouncycastle.mls.codec.ProposalOrRef;
import org.bouncycastle.mls.codec.ProposalType;
import org.bouncycastle.mls.codec.Sender;
import org.bouncycastle.mls.codec.UpdatePath;
import org.bouncycastle.mls.codec.Welcome;
import org.bouncycastle.mls.codec.WireFormat;
import org.bouncycastle.mls.crypto.MlsCipherSuite;
import org.bouncycastle.mls.crypto.Secret;
import org.bouncycastle.mls.protocol.CachedProposal;
import org.bouncycastle.mls.protocol.Group;

/// Our Commit, built from bcmls's own steps (`successor`, `mustResolve`,
/// `validateCachedProposals`, `apply`, `updateEpochSecrets`, `protect`, `TreeKEMPublicKey.update`
/// and `encap`) in the order of RFC 9420 §12.4.2 and of bcmls's `Group.commit`, with two
/// differences that are the reason this class exists:
/// * **B1**: when this device is the only member left (its filtered direct path is empty: a DM
///   whose other side left, a remove of the last other member, an update alone), bcmls's
///   `TreeKEMPublicKey.update` crashes in `parentHashes` (`IndexOutOfBoundsException: -1`).
///   We then derive the path ourselves exactly as bcmls's `implant` would (RFC 9420 §7.4: the
///   UpdatePath has the new leaf and no nodes, the leaf's parent_hash is empty and
///   commit_secret = DeriveSecret(leaf_secret, "path")).
/// * **B3**: bcmls's `sign` and `Proposal.add` re-decode the content they are given, turning a
///   KeyPackage extension such as `last_resort` (10) into GREASE 0x4A4A; we sign the
///   `FramedContent` object itself, and put the KeyPackage into the Add proposal as it is.
///
/// Proposals received in the epoch are committed by reference, as bcmls does; removes are by
/// leaf index (never bcmls's roster index, B7) and committed by value (no self-caching, B8).
final class BcCommitter {
  private BcCommitter() {}

  /// Creates a Commit on `g` without changing `g`.
  static BcStagedCommit stage(Group g, List<KeyPackage> adds, List<Integer> removes, boolean forcePath, SecureRandom random)
      throws MlsException {
    try {
      MlsCipherSuite suite = g.getSuite();
      LeafIndex index = g.getIndex();
      byte[] identitySk = BcReflect.get(BcReflect.G_IDENTITY_SK, g);

      Commit commit = new Commit();
      List<KeyPackage> joiners = new ArrayList<>();
      Set<Integer> removedByPending = new HashSet<>();
      List<CachedProposal> pending = BcReflect.get(BcReflect.G_PENDING, g);
      for (CachedProposal cp : pending) {
        Proposal p = BcReflect.get(BcReflect.CP_PROPOSAL, cp);
        if (p.getProposalType() == ProposalType.ADD) joiners.add(p.getAdd().keyPackage);
        if (p.getProposalType() == ProposalType.REMOVE) removedByPending.add(p.getRemove().removed.value());
        commit.getProposals().add(ProposalOrRef.forRef(BcReflect.<byte[]>get(BcReflect.CP_REF, cp)));
      }
      for (int leaf : removes) {
        if (!removedByPending.contains(leaf)) commit.getProposals().add(ProposalOrRef.forProposal(Proposal.remove(new LeafIndex(leaf))));
      }
      for (KeyPackage kp : adds) {
        Proposal add = Proposal.add(kp);
        add.getAdd().keyPackage = kp; // Proposal.add re-decoded it (B3); keep ours
        joiners.add(kp);
        commit.getProposals().add(ProposalOrRef.forProposal(add));
      }

      Group next = BcReflect.call(BcReflect.G_SUCCESSOR, g);
      List<CachedProposal> resolved = BcReflect.call(BcReflect.G_MUST_RESOLVE, g, commit.getProposals(), index);
      boolean valid = BcReflect.call(BcReflect.G_VALIDATE_CACHED, g, resolved, index,
          new Group.CommitParameters(Group.NORMAL_COMMIT_PARAMS));
      if (!valid) throw new MlsException(MlsError.PROPOSAL_INVALID, "the proposals of this Commit are not a valid list (RFC 9420 §12.2)");
      Object applied = BcReflect.call(BcReflect.G_APPLY, next, resolved);
      List<LeafIndex> joinerLeaves = BcReflect.get(BcReflect.JOINERS, applied);
      List<KeyScheduleEpoch.PSKWithSecret> psks = BcReflect.get(BcReflect.JOINER_PSKS, applied);

      Secret commitSecret = Secret.zero(suite);
      List<Secret> pathSecrets = new ArrayList<>();
      for (int i = 0; i < joinerLeaves.size(); i++) pathSecrets.add(null);
      TreeKEMPublicKey tree = next.getTree();
      TranscriptHash transcript = BcReflect.get(BcReflect.G_TRANSCRIPT, next);
      if (forcePath || pathRequired(resolved)) {
        byte[] leafSecret = new byte[suite.getKDF().getHashLength()];
        random.nextBytes(leafSecret);
        TreeKEMPrivateKey priv;
        if (hasOtherMembers(tree, index)) {
          priv = tree.update(index, new Secret(leafSecret), next.getGroupID(), identitySk, new Group.LeafNodeOptions());
          GroupContext ctx = new GroupContext(suite, next.getGroupID(), next.getEpoch() + 1, tree.getRootHash(),
              transcript.getConfirmed(), next.getExtensions());
          UpdatePath path = tree.encap(priv, BcDecode.encode(ctx, "GroupContext"), joinerLeaves);
          commit.setUpdatePath(path);
          for (int i = 0; i < joinerLeaves.size(); i++) pathSecrets.set(i, priv.getSharedPathSecret(joinerLeaves.get(i)));
        } else {
          priv = soloPath(suite, tree, index, next.getGroupID(), identitySk, leafSecret, commit);
        }
        BcReflect.set(BcReflect.G_TREE_PRIV, next, priv);
        commitSecret = priv.getUpdateSecret();
        tree.setHashAll();
      }

      FramedContent content = new FramedContent(g.getGroupID(), g.getEpoch(), Sender.forMember(index), new byte[0], null,
          ContentType.COMMIT, null, commit);
      AuthenticatedContent auth = AuthenticatedContent.sign(WireFormat.mls_public_message, content, suite, identitySk,
          EpochKeys.groupContext(g));
      transcript.updateConfirmed(auth);
      BcReflect.set(BcReflect.G_EPOCH, next, next.getEpoch() + 1);
      BcReflect.call(BcReflect.G_UPDATE_EPOCH_SECRETS, next, commitSecret.value(), psks, null);
      byte[] confirmationTag = next.getKeySchedule().confirmationTag(transcript.getConfirmed());
      auth.setConfirmationTag(confirmationTag);
      transcript.updateInterim(auth);
      MLSMessage message = BcReflect.call(BcReflect.G_PROTECT, g, auth, 0);

      byte[] welcome = null;
      if (!joiners.isEmpty()) {
        GroupInfo info = new GroupInfo(new GroupContext(suite, next.getGroupID(), next.getEpoch(), tree.getRootHash(),
            transcript.getConfirmed(), next.getExtensions()), new ArrayList<>(), confirmationTag);
        info.getExtensions().add(new Extension(ExtensionType.RATCHET_TREE, BcDecode.encode(tree, "ratchet tree")));
        info.sign(tree, next.getIndex(), suite.deserializeSignaturePrivateKey(identitySk));
        Welcome w = new Welcome(suite, next.getKeySchedule().getJoinerSecret().value(), psks, BcDecode.encode(info, "GroupInfo"));
        for (int i = 0; i < joiners.size(); i++) w.encrypt(joiners.get(i), pathSecrets.get(i));
        MLSMessage wm = new MLSMessage(WireFormat.mls_welcome);
        wm.welcome = w;
        welcome = BcDecode.encode(wm, "Welcome");
      }
      byte[] groupInfo = BcDecode.encode(next.getGroupInfo(true), "GroupInfo");
      return new BcStagedCommit(next, BcDecode.encode(message, "Commit"), welcome, groupInfo, g.getEpoch(), false);
    } catch (MlsException e) {
      throw e;
    } catch (Exception e) {
      throw BcErrors.map(e, MlsError.INTERNAL, "creating a Commit");
    }
  }

  /// The UpdatePath of a member alone in its group (B1), derived as bcmls's `implant` does.
  private static TreeKEMPrivateKey soloPath(MlsCipherSuite suite, TreeKEMPublicKey tree, LeafIndex index, byte[] groupId,
                                            byte[] identitySk, byte[] leafSecret, Commit commit) throws Exception {
    TreeKEMPrivateKey priv = TreeKEMPrivateKey.create(tree, index, new Secret(leafSecret));
    AsymmetricCipherKeyPair leafKey = suite.getHPKE().deriveKeyPair(new Secret(leafSecret).deriveSecret(suite, "node").value());
    priv.insertPrivateKey(new NodeIndex(index), leafKey);
    LeafNode leaf = tree.getLeafNode(index).forCommit(suite, groupId, index, suite.getHPKE().serializePublicKey(leafKey.getPublic()),
        new byte[0], new Group.LeafNodeOptions(), identitySk);
    tree.updateLeaf(index, leaf);
    tree.setHashAll();
    commit.setUpdatePath(new UpdatePath(leaf, new ArrayList<>()));
    return priv;
  }

  /// A proposal to remove our own leaf (leaving); another member commits it.
  static byte[] selfRemove(Group g) throws MlsException {
    try {
      LeafIndex index = g.getIndex();
      FramedContent content = new FramedContent(g.getGroupID(), g.getEpoch(), Sender.forMember(index), new byte[0], null,
          ContentType.PROPOSAL, Proposal.remove(index), null);
      AuthenticatedContent auth = AuthenticatedContent.sign(WireFormat.mls_public_message, content, g.getSuite(),
          BcReflect.<byte[]>get(BcReflect.G_IDENTITY_SK, g), EpochKeys.groupContext(g));
      MLSMessage message = BcReflect.call(BcReflect.G_PROTECT, g, auth, 0);
      return BcDecode.encode(message, "proposal");
    } catch (MlsException e) {
      throw e;
    } catch (Exception e) {
      throw BcErrors.map(e, MlsError.INTERNAL, "creating a Remove proposal");
    }
  }

  static boolean hasOtherMembers(TreeKEMPublicKey tree, LeafIndex self) {
    long leaves = tree.getSize().leafCount();
    for (int i = 0; i < leaves; i++) {
      if (i != self.value() && tree.getLeafNode(new LeafIndex(i)) != null) return true;
    }
    return false;
  }

  /// RFC 9420 §12.4: a path is required unless the Commit holds only Add, PreSharedKey and
  /// ReInit proposals (and always when it holds none).
  private static boolean pathRequired(List<CachedProposal> proposals) {
    if (proposals.isEmpty()) return true;
    for (CachedProposal cp : proposals) {
      Proposal p = BcReflect.get(BcReflect.CP_PROPOSAL, cp);
      switch (p.getProposalType()) {
        case UPDATE, REMOVE, EXTERNAL_INIT, GROUP_CONTEXT_EXTENSIONS -> {
          return true;
        }
        default -> { }
      }
    }
    return false;
  }
}
