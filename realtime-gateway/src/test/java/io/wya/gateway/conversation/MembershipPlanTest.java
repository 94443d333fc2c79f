package io.wya.gateway.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wya.gateway.conversation.ConversationSnapshot.Member;
import io.wya.gateway.outcome.Rejection;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.UserId;
import io.wya.mls.wire.Capabilities;
import io.wya.mls.wire.CipherSuite;
import io.wya.mls.wire.Commit;
import io.wya.mls.wire.Credential;
import io.wya.mls.wire.KeyPackage;
import io.wya.mls.wire.LeafNode;
import io.wya.mls.wire.LeafNodeSource;
import io.wya.mls.wire.MlsCrypto;
import io.wya.mls.wire.Proposal;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The member list after one Commit, on Commits built field by field (the external join and
/// error cases bcmls cannot produce on purpose).
class MembershipPlanTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final CipherSuite SUITE = CipherSuite.of(1);

  private static DeviceKey device(UserId user) {
    return new DeviceKey(user, new DeviceId(bytes(16)));
  }

  private static UserId user() {
    return new UserId(bytes(32));
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static LeafNode leaf(DeviceKey d) {
    return new LeafNode(bytes(32), bytes(32), new Credential.Basic(d.mlsIdentity()), new Capabilities(List.of(1), List.of(1), List.of(),
        List.of(), List.of(1)), new LeafNodeSource.CommitSource(bytes(32)), List.of(), bytes(64), bytes(10));
  }

  private static KeyPackage keyPackage(DeviceKey d) {
    return new KeyPackage(1, 1, bytes(32), leaf(d), List.of(), bytes(64), bytes(8), bytes(100));
  }

  private static Commit.ProposalOrRef value(Proposal p) {
    return new Commit.ProposalOrRef.ByValue(p);
  }

  private static ErrorCode code(Runnable r) {
    Rejection e = catchThrowableOfType(Rejection.class, r::run);
    return e == null ? null : e.code();
  }

  @Test
  @DisplayName("MBR-1 removals free their leaves and new devices take the leftmost free leaves in proposal order")
  void leftmostFreeLeaves() {
    UserId u = user();
    Member a = new Member(device(u), 0);
    Member b = new Member(device(user()), 1);
    Member c = new Member(device(user()), 2);
    Member d = new Member(device(user()), 4);
    DeviceKey x = device(user());
    DeviceKey y = device(user());
    DeviceKey z = device(user());
    KeyPackage kx = keyPackage(x);
    KeyPackage ky = keyPackage(y);
    KeyPackage kz = keyPackage(z);
    Map<String, DeviceKey> issued = new HashMap<>();
    for (Map.Entry<KeyPackage, DeviceKey> e : Map.of(kx, x, ky, y, kz, z).entrySet()) {
      issued.put(HexFormat.of().formatHex(MlsCrypto.keyPackageRef(SUITE, e.getKey())), e.getValue());
    }
    Commit commit = new Commit(List.of(value(new Proposal.Remove(1)), value(new Proposal.Add(kx)), value(new Proposal.Add(ky)),
        value(new Proposal.Add(kz))), Optional.empty());
    MembershipPlan.Change change = MembershipPlan.memberCommit(commit, a, List.of(a, b, c, d), SUITE, Map.of(), issued, 10);
    assertThat(change.removed()).containsExactly(b);
    assertThat(change.added()).containsExactly(new Member(x, 1), new Member(y, 3), new Member(z, 5));
    assertThat(change.addedRefs()).hasSize(3);
    assertThat(code(() -> MembershipPlan.memberCommit(commit, a, List.of(a, b, c, d), SUITE, Map.of(), issued, 5)))
        .as("GATEWAY_MAX_CONVERSATION_MEMBERS").isEqualTo(ErrorCode.MEMBERSHIP_CHANGE_REJECTED);
  }

  @Test
  @DisplayName("MBR-2 removing the committer, removing a leaf twice, adding a device twice or changing a leaf's identity is rejected")
  void invalidChanges() {
    Member a = new Member(device(user()), 0);
    Member b = new Member(device(user()), 1);
    List<Member> active = List.of(a, b);
    DeviceKey x = device(user());
    KeyPackage kx = keyPackage(x);
    Map<String, DeviceKey> issued = Map.of(HexFormat.of().formatHex(MlsCrypto.keyPackageRef(SUITE, kx)), x);
    ErrorCode rejected = ErrorCode.MEMBERSHIP_CHANGE_REJECTED;
    assertThat(code(() -> MembershipPlan.memberCommit(new Commit(List.of(value(new Proposal.Remove(0))), Optional.empty()), a, active,
        SUITE, Map.of(), Map.of(), 10))).isEqualTo(rejected);
    assertThat(code(() -> MembershipPlan.memberCommit(new Commit(List.of(value(new Proposal.Remove(1)), value(new Proposal.Remove(1))),
        Optional.empty()), a, active, SUITE, Map.of(), Map.of(), 10))).isEqualTo(rejected);
    assertThat(code(() -> MembershipPlan.memberCommit(new Commit(List.of(value(new Proposal.Add(kx)), value(new Proposal.Add(kx))),
        Optional.empty()), a, active, SUITE, Map.of(), issued, 10))).isEqualTo(rejected);
    Commit.UpdatePath foreignPath = new Commit.UpdatePath(leaf(device(user())), List.of());
    assertThat(code(() -> MembershipPlan.memberCommit(new Commit(List.of(), Optional.of(foreignPath)), a, active, SUITE, Map.of(),
        Map.of(), 10))).as("the committer's path leaf is someone else").isEqualTo(rejected);
    assertThat(code(() -> MembershipPlan.memberCommit(new Commit(List.of(value(new Proposal.Update(leaf(device(user()))))),
        Optional.empty()), a, active, SUITE, Map.of(), Map.of(), 10))).as("an Update by value from the committer").isEqualTo(rejected);
  }

  @Test
  @DisplayName("COMMIT-4 a reference to a proposal that is not pending is PROPOSAL_UNKNOWN; reinit is UNSUPPORTED_MLS_FEATURE")
  void referencesAndUnsupportedProposals() {
    Member a = new Member(device(user()), 0);
    assertThat(code(() -> MembershipPlan.memberCommit(new Commit(List.of(new Commit.ProposalOrRef.ByReference(bytes(32))),
        Optional.empty()), a, List.of(a), SUITE, Map.of(), Map.of(), 10))).isEqualTo(ErrorCode.PROPOSAL_UNKNOWN);
    Proposal reinit = new Proposal.ReInit(bytes(32), 1, 1, List.of());
    assertThat(code(() -> MembershipPlan.memberCommit(new Commit(List.of(value(reinit)), Optional.empty()), a, List.of(a), SUITE,
        Map.of(), Map.of(), 10))).isEqualTo(ErrorCode.UNSUPPORTED_MLS_FEATURE);
  }

  @Test
  @DisplayName("MBR-5 an external join by a device of a member user is accepted, may remove its own user's old leaf, and nothing else")
  void externalJoin() {
    UserId alice = user();
    Member aliceOld = new Member(device(alice), 0);
    Member bob = new Member(device(user()), 1);
    DeviceKey aliceNew = device(alice);
    Commit.UpdatePath path = new Commit.UpdatePath(leaf(aliceNew), List.of());
    Commit.ProposalOrRef init = value(new Proposal.ExternalInit(bytes(32)));
    MembershipPlan.Change rejoin = MembershipPlan.externalCommit(new Commit(List.of(init, value(new Proposal.Remove(0))), Optional.of(path)),
        aliceNew, List.of(aliceOld, bob), 10);
    assertThat(rejoin.removed()).containsExactly(aliceOld);
    assertThat(rejoin.added()).containsExactly(new Member(aliceNew, 0));

    ErrorCode rejected = ErrorCode.MEMBERSHIP_CHANGE_REJECTED;
    DeviceKey stranger = device(user());
    assertThat(code(() -> MembershipPlan.externalCommit(new Commit(List.of(init), Optional.of(new Commit.UpdatePath(leaf(stranger),
        List.of()))), stranger, List.of(aliceOld, bob), 10))).as("the user is not a member").isEqualTo(rejected);
    assertThat(code(() -> MembershipPlan.externalCommit(new Commit(List.of(init, value(new Proposal.Remove(1))), Optional.of(path)),
        aliceNew, List.of(aliceOld, bob), 10))).as("removes another user's leaf").isEqualTo(rejected);
    assertThat(code(() -> MembershipPlan.externalCommit(new Commit(List.of(init), Optional.of(path)), device(alice), List.of(aliceOld, bob),
        10))).as("the path leaf is not the authenticated device").isEqualTo(rejected);
    assertThat(code(() -> MembershipPlan.externalCommit(new Commit(List.of(), Optional.of(path)), aliceNew, List.of(aliceOld, bob), 10)))
        .as("no ExternalInit").isEqualTo(rejected);
    assertThat(code(() -> MembershipPlan.externalCommit(new Commit(List.of(init), Optional.empty()), aliceNew, List.of(aliceOld, bob), 10)))
        .as("no UpdatePath").isEqualTo(rejected);
    assertThat(code(() -> MembershipPlan.externalCommit(new Commit(List.of(init), Optional.of(new Commit.UpdatePath(leaf(aliceOld.device()),
        List.of()))), aliceOld.device(), List.of(aliceOld, bob), 10))).as("an active device rejoining without removing its old leaf")
        .isEqualTo(rejected);
  }
}
