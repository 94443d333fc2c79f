package io.wya.mls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// Adding and removing by user (all devices) and by device, leaving, and the one-member group
/// that bcmls 1.84 cannot commit in (mls-notes B1) nor be removed from (B6).
class MembershipTest {

  @Test
  @DisplayName("multi-device: each device is a leaf; a user is added and removed with all of its devices")
  void usersAreAddedAndRemovedWithAllTheirDevices() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice alice2 = TestDevice.of("alice", 2);
    TestDevice bob = TestDevice.of("bob", 1);
    TestDevice bob2 = TestDevice.of("bob", 2);
    byte[] g = alice.client.createGroup().groupId();
    long seq = alice.commit(alice.client.addMembers(g, List.of(alice2.keyPackage(), bob.keyPackage(), bob2.keyPackage())), log);
    for (TestDevice d : List.of(alice2, bob, bob2)) d.join(log, seq);
    assertThat(alice.client.group(g).devicesOf(bob.userId())).extracting(Member::device).containsExactlyInAnyOrder(bob.id, bob2.id);

    byte[] hello = alice.client.encrypt(g, "to every device".getBytes());
    log.send(hello);
    for (TestDevice d : List.of(alice2, bob, bob2)) {
      assertThat(d.sync(g, log)).singleElement().isInstanceOfSatisfying(Processed.Application.class,
          a -> assertThat(a.sender().device()).isEqualTo(alice.id));
    }

    CommitBundle remove = alice.client.removeUser(g, bob.userId());
    seq = alice.commit(remove, log);
    for (TestDevice d : List.of(bob, bob2)) {
      assertThat(d.sync(g, log)).singleElement().isInstanceOf(Processed.Removed.class);
      assertThat(d.client.group(g).status()).isEqualTo(GroupStatus.REMOVED);
    }
    assertThat(alice2.sync(g, log)).singleElement().isInstanceOfSatisfying(Processed.CommitApplied.class,
        c -> assertThat(c.removed()).extracting(Member::device).containsExactlyInAnyOrder(bob.id, bob2.id));
    assertThat(alice.client.group(g).members()).extracting(Member::device).containsExactly(alice.id, alice2.id);
    assertThat(alice2.authenticator(g)).isEqualTo(alice.authenticator(g));
  }

  @Test
  @DisplayName("B7 removing a device uses its leaf index, also after an earlier removal left a blank leaf before it")
  void removalTargetsTheRightLeafAfterGaps() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    TestDevice carol = TestDevice.of("carol", 1);
    TestDevice dave = TestDevice.of("dave", 1);
    byte[] g = alice.client.createGroup().groupId();
    long seq = alice.commit(alice.client.addMembers(g, List.of(bob.keyPackage(), carol.keyPackage(), dave.keyPackage())), log);
    for (TestDevice d : List.of(bob, carol, dave)) d.join(log, seq);
    alice.commit(alice.client.removeDevice(g, bob.id), log);
    for (TestDevice d : List.of(bob, carol, dave)) d.sync(g, log);
    // leaf 1 is blank now; dave sits at leaf 3 (roster position 2, which bcmls's Group.remove would use)
    assertThat(alice.client.group(g).members()).extracting(Member::leafIndex).containsExactly(0, 2, 3);
    alice.commit(alice.client.removeDevice(g, dave.id), log);
    assertThat(dave.sync(g, log)).singleElement().isInstanceOf(Processed.Removed.class);
    assertThat(carol.sync(g, log)).singleElement().isInstanceOfSatisfying(Processed.CommitApplied.class,
        c -> assertThat(c.removed()).extracting(Member::device).containsExactly(dave.id));
    assertThat(alice.client.group(g).members()).extracting(Member::device).containsExactly(alice.id, carol.id);
  }

  @Test
  @DisplayName("B1 B6 a DM whose other side leaves: the leave is committed by the last member (a one-member Commit), the leaver learns it was removed")
  void dmWhoseOtherSideLeaves() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] g = alice.client.createGroup().groupId();
    bob.join(log, alice.commit(alice.client.addMembers(g, List.of(bob.keyPackage())), log));

    log.send(bob.client.leave(g));
    assertThat(bob.sync(g, log)).singleElement().isInstanceOf(Processed.RemovalProposed.class);
    assertThat(alice.sync(g, log)).singleElement().isInstanceOfSatisfying(Processed.ProposalReceived.class,
        p -> assertThat(p.leaveRequest()).isTrue());
    alice.commit(alice.client.commitPendingProposals(g), log);
    assertThat(alice.client.group(g).members()).extracting(Member::device).containsExactly(alice.id);
    assertThat(bob.sync(g, log)).singleElement().isInstanceOfSatisfying(Processed.Removed.class,
        r -> assertThat(r.by()).isEqualTo(alice.id));
    assertThat(bob.client.group(g).status()).isEqualTo(GroupStatus.REMOVED);
    assertThatThrownBy(() -> bob.client.encrypt(g, "x".getBytes())).hasMessageContaining("GROUP_INACTIVE");

    // the group stays usable: an update alone, then a new member who reads the tree and talks
    alice.commit(alice.client.update(g), log);
    TestDevice carol = TestDevice.of("carol", 1);
    long seq = alice.commit(alice.client.addMembers(g, List.of(carol.keyPackage())), log);
    carol.join(log, seq);
    log.send(carol.client.encrypt(g, "hi".getBytes()));
    assertThat(alice.sync(g, log)).singleElement().isInstanceOfSatisfying(Processed.Application.class,
        a -> assertThat(a.plaintext()).isEqualTo("hi".getBytes()));
    assertThat(carol.authenticator(g)).isEqualTo(alice.authenticator(g));
  }

  @Test
  @DisplayName("B1 removing the only other member, and updating alone, produce valid one-member Commits")
  void oneMemberCommits() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] g = alice.client.createGroup().groupId();
    alice.commit(alice.client.update(g), log);
    bob.join(log, alice.commit(alice.client.addMembers(g, List.of(bob.keyPackage())), log));
    alice.commit(alice.client.removeUser(g, bob.userId()), log);
    assertThat(bob.sync(g, log)).singleElement().isInstanceOf(Processed.Removed.class);
    alice.restart();
    alice.commit(alice.client.update(g), log);
    assertThat(alice.client.group(g).epoch()).isEqualTo(4);
    assertThat(alice.client.group(g).members()).hasSize(1);
  }

  @Test
  @DisplayName("MBR-5 a device that lost its state rejoins by external Commit, evicting its old leaf; the others follow")
  void deviceThatLostItsStateRejoins() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    TestDevice carol = TestDevice.of("carol", 1);
    byte[] g = alice.client.createGroup().groupId();
    long seq = alice.commit(alice.client.addMembers(g, List.of(bob.keyPackage(), carol.keyPackage())), log);
    bob.join(log, seq);
    carol.join(log, seq);

    TestDevice bobAgain = TestDevice.of("bob", 1);   // same device identity, empty state
    CommitBundle rejoin = bobAgain.client.externalJoin(alice.client.groupInfo(g));
    assertThat(bobAgain.client.group(g).status()).isEqualTo(GroupStatus.JOINING);
    seq = log.send(rejoin);
    assertThat(bobAgain.client.process(g, seq, rejoin.commit())).isInstanceOf(Processed.CommitApplied.class);
    // the new leaf takes the old one's place: same device, same index, new keys
    assertThat(alice.sync(g, log)).singleElement().isInstanceOfSatisfying(Processed.CommitApplied.class,
        c -> assertThat(c.committer().device()).isEqualTo(bob.id));
    carol.sync(g, log);
    assertThat(bob.sync(g, log)).singleElement().isInstanceOfSatisfying(Processed.Removed.class,
        r -> assertThat(r.by()).isEqualTo(bob.id));
    assertThat(alice.client.group(g).members()).hasSize(3);
    assertThat(bobAgain.authenticator(g)).isEqualTo(alice.authenticator(g)).isEqualTo(carol.authenticator(g));
    log.send(bobAgain.client.encrypt(g, "back".getBytes()));
    assertThat(carol.sync(g, log)).singleElement().isInstanceOfSatisfying(Processed.Application.class,
        a -> assertThat(a.plaintext()).isEqualTo("back".getBytes()));
  }

  @Test
  @DisplayName("a Commit that cannot be applied leaves the group BROKEN (not silently forked); an external rejoin repairs it")
  void brokenGroupRejoins() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    TestDevice carol = TestDevice.of("carol", 1);
    byte[] g = alice.client.createGroup().groupId();
    long seq = alice.commit(alice.client.addMembers(g, List.of(bob.keyPackage(), carol.keyPackage())), log);
    bob.join(log, seq);
    carol.join(log, seq);
    CommitBundle update = carol.client.update(g);
    seq = log.send(update);
    byte[] corrupted = update.commit().clone();
    corrupted[corrupted.length - 40] ^= 1;                 // what bob alone receives
    assertThat(bob.client.process(g, seq, corrupted)).isInstanceOfSatisfying(Processed.Rejected.class,
        r -> assertThat(r.groupInactive()).isTrue());
    assertThat(bob.client.group(g).status()).isEqualTo(GroupStatus.BROKEN);
    assertThat(code(() -> bob.client.encrypt(g, "x".getBytes()))).isEqualTo(MlsError.GROUP_INACTIVE);
    alice.sync(g, log);
    carol.sync(g, log);

    CommitBundle rejoin = bob.client.externalJoin(alice.client.groupInfo(g));
    seq = log.send(rejoin);
    assertThat(bob.client.process(g, seq, rejoin.commit())).isInstanceOf(Processed.CommitApplied.class);
    alice.sync(g, log);
    carol.sync(g, log);
    assertThat(bob.client.group(g).status()).isEqualTo(GroupStatus.ACTIVE);
    assertThat(bob.authenticator(g)).isEqualTo(alice.authenticator(g)).isEqualTo(carol.authenticator(g));
  }

  @Test
  @DisplayName("caller errors are typed: removing self, a non-member, adding a member twice")
  void callerErrorsAreTyped() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] g = alice.client.createGroup().groupId();
    byte[] bobKp = bob.keyPackage();
    assertThat(code(() -> alice.client.addMembers(g, List.of(bobKp, bob.keyPackage())))).isEqualTo(MlsError.ALREADY_MEMBER);
    bob.join(log, alice.commit(alice.client.addMembers(g, List.of(bobKp)), log));
    assertThat(code(() -> alice.client.addMembers(g, List.of(bob.keyPackage())))).isEqualTo(MlsError.ALREADY_MEMBER);
    assertThat(code(() -> alice.client.removeDevice(g, alice.id))).isEqualTo(MlsError.CANNOT_REMOVE_SELF);
    assertThat(code(() -> alice.client.removeDevice(g, TestDevice.identity("zed", 1)))).isEqualTo(MlsError.NOT_A_MEMBER);
    assertThat(code(() -> alice.client.group(new byte[] {9}))).isEqualTo(MlsError.UNKNOWN_GROUP);
    assertThat(code(() -> alice.client.discardPendingCommit(g))).isEqualTo(MlsError.NO_PENDING_COMMIT);
  }

  interface Call {
    void run() throws Exception;
  }

  /// The error code `call` fails with, or null when it succeeds.
  static MlsError code(Call call) throws Exception {
    try {
      call.run();
      return null;
    } catch (MlsException e) {
      return e.error();
    }
  }
}
