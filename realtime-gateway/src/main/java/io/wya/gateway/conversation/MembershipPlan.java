package io.wya.gateway.conversation;

import io.wya.gateway.conversation.ConversationSnapshot.Member;
import io.wya.gateway.conversation.ConversationSnapshot.PendingProposal;
import io.wya.gateway.outcome.Rejection;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.mls.wire.CipherSuite;
import io.wya.mls.wire.Commit;
import io.wya.mls.wire.Credential;
import io.wya.mls.wire.KeyPackage;
import io.wya.mls.wire.LeafNode;
import io.wya.mls.wire.MlsCrypto;
import io.wya.mls.wire.MlsMessage;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.MlsWireException;
import io.wya.mls.wire.Proposal;
import io.wya.mls.wire.PublicMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/// The application-level member list after one Commit (GATEWAY_SPEC §7.5, MBR-1, MBR-2, MBR-5,
/// COMMIT-4): which leaves leave, which devices join at which leaf, and the KeyPackageRefs the
/// Welcome must carry. Pure: the caller supplies the current members and pending proposals.
public final class MembershipPlan {
  /// The result.
  ///
  /// @param addedRefs KeyPackageRefs of the added KeyPackages, in proposal order (COMMIT-2)
  public record Change(List<Member> removed, List<Member> added, List<byte[]> addedRefs) {}

  private record Resolved(Proposal proposal, long senderLeaf) {}

  private static final Set<Integer> SUPPORTED_PROPOSALS = Set.of(1, 2, 3, 4, 6, 7);
  private static final long COMMITTER = -1;

  private MembershipPlan() {}

  /// Applies a member's Commit (`committer` is its active membership).
  public static Change memberCommit(Commit commit, Member committer, List<Member> active, CipherSuite suite,
                                    Map<String, PendingProposal> pending, Map<String, DeviceKey> issuedRefs, int maxMembers) {
    List<Resolved> proposals = resolve(commit, committer.leaf(), pending);
    commit.path().ifPresent(path -> requireIdentity(path.leafNode(), committer.device(), "the committer's UpdatePath leaf"));
    Map<Long, Member> byLeaf = index(active);
    List<Member> removed = new ArrayList<>();
    List<DeviceKey> adds = new ArrayList<>();
    List<byte[]> addRefs = new ArrayList<>();
    for (Resolved r : proposals) {
      switch (r.proposal()) {
        case Proposal.Remove remove -> {
          Member target = byLeaf.get(remove.removedLeaf());
          if (target == null) reject("removes leaf " + remove.removedLeaf() + ", which is not an active member");
          if (remove.removedLeaf() == committer.leaf()) reject("removes its own committer");
          if (removed.contains(target)) reject("removes leaf " + remove.removedLeaf() + " twice");
          removed.add(target);
        }
        case Proposal.Add add -> {
          adds.add(addedDevice(add.keyPackage(), suite, issuedRefs, addRefs));
        }
        case Proposal.Update update -> {
          if (r.senderLeaf() == COMMITTER) reject("carries the committer's own Update by value");
          Member sender = byLeaf.get(r.senderLeaf());
          if (sender == null) reject("commits an Update of leaf " + r.senderLeaf() + ", which is not an active member");
          requireIdentity(update.leafNode(), sender.device(), "an Update");
        }
        case Proposal.ExternalInit e -> reject("a member Commit cannot carry ExternalInit");
        default -> { }
      }
    }
    return place(active, removed, adds, addRefs, maxMembers);
  }

  /// Applies an external Commit by `joiner` (MBR-5): exactly one ExternalInit, an UpdatePath
  /// whose leaf is the joiner, Removes only of the joiner's own user's leaves, and the user
  /// already a member.
  public static Change externalCommit(Commit commit, DeviceKey joiner, List<Member> active, int maxMembers) {
    if (active.stream().noneMatch(m -> m.device().user().equals(joiner.user()))) {
      reject("an external join needs an active member device of the same user (MBR-5)");
    }
    if (commit.path().isEmpty()) reject("an external Commit needs an UpdatePath");
    requireIdentity(commit.path().get().leafNode(), joiner, "the joiner's UpdatePath leaf");
    Map<Long, Member> byLeaf = index(active);
    List<Member> removed = new ArrayList<>();
    int externalInits = 0;
    for (Commit.ProposalOrRef p : commit.proposals()) {
      if (!(p instanceof Commit.ProposalOrRef.ByValue(Proposal proposal))) {
        throw Rejection.of(ErrorCode.PROPOSAL_UNKNOWN, "an external Commit cannot reference proposals");
      }
      checkType(proposal);
      switch (proposal) {
        case Proposal.ExternalInit e -> externalInits++;
        case Proposal.Remove remove -> {
          Member target = byLeaf.get(remove.removedLeaf());
          if (target == null) reject("removes leaf " + remove.removedLeaf() + ", which is not an active member");
          if (!target.device().user().equals(joiner.user())) reject("an external Commit may only remove its own user's leaves (MBR-5)");
          if (removed.contains(target)) reject("removes leaf " + remove.removedLeaf() + " twice");
          removed.add(target);
        }
        case Proposal.PreSharedKey psk -> { }
        default -> reject("an external Commit may carry only ExternalInit, Remove and PreSharedKey");
      }
    }
    if (externalInits != 1) reject("an external Commit needs exactly one ExternalInit");
    return place(active, removed, List.of(joiner), List.of(), maxMembers);
  }

  private static List<Resolved> resolve(Commit commit, long committerLeaf, Map<String, PendingProposal> pending) {
    List<Resolved> out = new ArrayList<>();
    for (Commit.ProposalOrRef p : commit.proposals()) {
      switch (p) {
        case Commit.ProposalOrRef.ByValue(Proposal proposal) -> out.add(new Resolved(proposal, COMMITTER));
        case Commit.ProposalOrRef.ByReference(byte[] ref) -> {
          PendingProposal found = pending.get(ConversationSnapshot.hex(ref));
          if (found == null) throw Rejection.of(ErrorCode.PROPOSAL_UNKNOWN, "a referenced proposal is not pending in this epoch (COMMIT-4)");
          out.add(new Resolved(storedProposal(found), found.senderLeaf() == committerLeaf ? COMMITTER : found.senderLeaf()));
        }
      }
    }
    for (Resolved r : out) checkType(r.proposal());
    return out;
  }

  static void checkType(Proposal p) {
    if (!SUPPORTED_PROPOSALS.contains(p.type())) {
      throw Rejection.of(ErrorCode.UNSUPPORTED_MLS_FEATURE, "proposal type " + p.type()
          + (p instanceof Proposal.ReInit ? " (reinit: use ResetConversation)" : "") + " (COMMIT-4)");
    }
  }

  private static Proposal storedProposal(PendingProposal pending) {
    try {
      MlsMessage m = MlsWire.parseMessage(pending.message());
      return (Proposal) ((PublicMessage) m).content().body();
    } catch (MlsWireException | ClassCastException e) {
      throw new IllegalStateException("a stored proposal no longer parses", e);
    }
  }

  private static DeviceKey addedDevice(KeyPackage kp, CipherSuite suite, Map<String, DeviceKey> issuedRefs, List<byte[]> refs) {
    if (kp.cipherSuite() != suite.code()) reject("adds a KeyPackage of suite " + kp.cipherSuite() + " to a suite " + suite.code() + " group");
    DeviceKey device = identity(kp.leafNode(), "an added KeyPackage");
    byte[] ref = MlsCrypto.keyPackageRef(suite, kp);
    DeviceKey issuedTo = issuedRefs.get(ConversationSnapshot.hex(ref));
    if (!device.equals(issuedTo)) reject("adds a KeyPackage this gateway did not issue for " + device + " (MBR-2)");
    refs.add(ref);
    return device;
  }

  private static Change place(List<Member> active, List<Member> removed, List<DeviceKey> adds, List<byte[]> addRefs,
                              int maxMembers) {
    Set<DeviceKey> staying = new HashSet<>();
    TreeSet<Long> occupied = new TreeSet<>();
    for (Member m : active) {
      if (!removed.contains(m)) {
        staying.add(m.device());
        occupied.add(m.leaf());
      }
    }
    Set<DeviceKey> seen = new HashSet<>();
    List<Member> added = new ArrayList<>();
    for (DeviceKey d : adds) {
      if (!seen.add(d)) reject("adds " + d + " twice");
      if (staying.contains(d)) reject("adds " + d + ", which is already an active member");
      long leaf = 0;
      while (occupied.contains(leaf)) leaf++;
      occupied.add(leaf);
      added.add(new Member(d, leaf));
    }
    if (staying.size() + added.size() > maxMembers) {
      reject("the conversation would have " + (staying.size() + added.size()) + " member devices, limit " + maxMembers);
    }
    return new Change(removed, added, addRefs);
  }

  private static void requireIdentity(LeafNode leaf, DeviceKey expected, String what) {
    if (!identity(leaf, what).equals(expected)) reject(what + " changes the leaf's identity");
  }

  private static DeviceKey identity(LeafNode leaf, String what) {
    if (!(leaf.credential() instanceof Credential.Basic(byte[] identity)) || identity.length != DeviceKey.MLS_IDENTITY_LENGTH) {
      throw Rejection.of(ErrorCode.MEMBERSHIP_CHANGE_REJECTED, what + " must carry a 48-byte BasicCredential (user_id ‖ device_id)");
    }
    return DeviceKey.fromMlsIdentity(identity);
  }

  private static Map<Long, Member> index(List<Member> active) {
    Map<Long, Member> byLeaf = new HashMap<>();
    for (Member m : active) byLeaf.put(m.leaf(), m);
    return byLeaf;
  }

  /// True when the two lists hold the same refs, in any order (COMMIT-2).
  static boolean sameRefs(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) return false;
    List<String> x = new ArrayList<>(a.stream().map(ConversationSnapshot::hex).toList());
    List<String> y = new ArrayList<>(b.stream().map(ConversationSnapshot::hex).toList());
    x.sort(null);
    y.sort(null);
    return x.equals(y);
  }

  private static void reject(String why) {
    throw Rejection.of(ErrorCode.MEMBERSHIP_CHANGE_REJECTED, "the Commit " + why + " (MBR-2)");
  }
}
