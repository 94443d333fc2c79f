package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import io.wya.mls.wire.Commit;
import io.wya.mls.wire.Extension;
import io.wya.mls.wire.GroupInfo;
import io.wya.mls.wire.KeyPackage;
import io.wya.mls.wire.LeafNode;
import io.wya.mls.wire.Proposal;
import io.wya.mls.wire.RatchetTree;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.mls.codec.ProposalOrRef;

/// How the engine handles B3 (extension types bcmls 1.84 cannot represent), by place:
/// * **KeyPackage extensions** of types up to 20 (e.g. `last_resort` = 10): bcmls decodes them as
///   the wrong GREASE value but only ever re-encodes them, so after the decode each one is
///   replaced by a [VerbatimExtension] carrying the real type from the strict parse; every
///   re-encoding is then byte-exact. Types above 20 (other than GREASE) make bcmls's decoder throw
///   (`values()[type]`), so they are refused.
/// * **everywhere else** (leaf, GroupContext, GroupInfo, GroupContextExtensions proposals):
///   bcmls *interprets* extension types there (capability checks compare the enum's value), so a
///   placeholder would make its checks wrong; types outside 0–5 and GREASE are refused.
///
/// Refusals are `UNSUPPORTED_EXTENSION`, decided on mls-wire's parse — the `check…` methods run
/// before bcmls decodes anything, the `fix…` methods after.
final class BcExtensions {
  private BcExtensions() {}

  /// True for the types bcmls 1.84 decodes and re-encodes faithfully.
  static boolean representable(int type) {
    return type >= 0 && type <= Extension.EXTERNAL_SENDERS || Extension.isGrease(type);
  }

  /// True for the types bcmls 1.84's decoder accepts (possibly misreading them as GREASE).
  static boolean decodable(int type) {
    return type >= 0 && type <= 20 || Extension.isGrease(type);
  }

  static void requireRepresentable(List<Extension> extensions, String where) throws MlsException {
    for (Extension e : extensions) {
      if (!representable(e.type())) {
        throw new MlsException(MlsError.UNSUPPORTED_EXTENSION, "extension type " + e.type() + " in " + where
            + " (bcmls 1.84 cannot interpret it there)");
      }
    }
  }

  static void checkLeaf(LeafNode leaf, String where) throws MlsException {
    requireRepresentable(leaf.extensions(), where + " leaf node");
  }

  static void checkTree(RatchetTree tree) throws MlsException {
    for (Optional<RatchetTree.Node> node : tree.nodes()) {
      if (node.isPresent() && node.get() instanceof RatchetTree.Leaf(LeafNode leaf)) checkLeaf(leaf, "ratchet tree");
    }
  }

  static void checkGroupInfo(GroupInfo info) throws MlsException {
    requireRepresentable(info.groupContext().extensions(), "GroupContext");
    requireRepresentable(info.extensions(), "GroupInfo");
  }

  static void checkKeyPackage(KeyPackage wire) throws MlsException {
    checkLeaf(wire.leafNode(), "KeyPackage");
    for (Extension e : wire.extensions()) {
      if (!decodable(e.type())) {
        throw new MlsException(MlsError.UNSUPPORTED_EXTENSION, "extension type " + e.type() + " in a KeyPackage (bcmls 1.84 cannot decode it)");
      }
    }
  }

  static void checkProposal(Proposal wire) throws MlsException {
    switch (wire) {
      case Proposal.Add add -> checkKeyPackage(add.keyPackage());
      case Proposal.Update update -> checkLeaf(update.leafNode(), "Update proposal");
      case Proposal.GroupContextExtensions gce -> requireRepresentable(gce.extensions(), "GroupContextExtensions proposal");
      case Proposal.ReInit reinit -> requireRepresentable(reinit.extensions(), "ReInit proposal");
      default -> { }
    }
  }

  static void checkCommit(Commit wire) throws MlsException {
    for (Commit.ProposalOrRef por : wire.proposals()) {
      if (por instanceof Commit.ProposalOrRef.ByValue(Proposal p)) checkProposal(p);
    }
    if (wire.path().isPresent()) checkLeaf(wire.path().get().leafNode(), "UpdatePath");
  }

  /// Replaces, in a decoded bcmls KeyPackage, every extension bcmls misread by its verbatim form.
  static void fixKeyPackage(org.bouncycastle.mls.codec.KeyPackage bc, KeyPackage wire) throws MlsException {
    List<org.bouncycastle.mls.codec.Extension> list = BcReflect.get(BcReflect.KP_EXTENSIONS, bc);
    if (list.size() != wire.extensions().size()) {
      throw new MlsException(MlsError.INTERNAL, "bcmls decoded " + list.size() + " KeyPackage extensions, mls-wire "
          + wire.extensions().size());
    }
    for (int i = 0; i < list.size(); i++) {
      Extension e = wire.extensions().get(i);
      if (!representable(e.type())) list.set(i, new VerbatimExtension(e.type(), e.data()));
    }
  }

  static void fixProposal(org.bouncycastle.mls.codec.Proposal bc, Proposal wire) throws MlsException {
    if (wire instanceof Proposal.Add add) fixKeyPackage(bc.getAdd().keyPackage, add.keyPackage());
  }

  static void fixCommit(org.bouncycastle.mls.codec.Commit bc, Commit wire) throws MlsException {
    List<ProposalOrRef> bcProposals = bc.getProposals();
    for (int i = 0; i < wire.proposals().size(); i++) {
      if (wire.proposals().get(i) instanceof Commit.ProposalOrRef.ByValue(Proposal p)) fixProposal(bcProposals.get(i).getProposal(), p);
    }
  }
}
