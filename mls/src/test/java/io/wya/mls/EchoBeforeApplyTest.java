package io.wya.mls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// RISK R1, client side: a device applies its own Commit only when the Delivery Service
/// delivers it back, and a Commit that lost its epoch is dropped, never applied.
class EchoBeforeApplyTest {

  @Test
  @DisplayName("R1 a staged Commit changes nothing; the group moves to the next epoch only when the Commit is delivered back")
  void ownCommitIsAppliedOnlyWhenEchoed() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] g = alice.client.createGroup().groupId();

    CommitBundle add = alice.client.addMembers(g, List.of(bob.keyPackage()));
    GroupView staged = alice.client.group(g);
    assertThat(staged.epoch()).isZero();
    assertThat(staged.members()).hasSize(1);
    assertThat(staged.pendingCommitEpoch()).hasValue(0);
    assertThatThrownBy(() -> alice.client.update(g)).hasMessageContaining("COMMIT_PENDING");

    long seq = log.send(add);
    Processed echoed = alice.client.process(g, seq, add.commit());
    assertThat(echoed).isInstanceOfSatisfying(Processed.CommitApplied.class, c -> {
      assertThat(c.own()).isTrue();
      assertThat(c.epoch()).isEqualTo(1);
      assertThat(c.added()).extracting(Member::device).containsExactly(bob.id);
    });
    assertThat(alice.client.group(g).pendingCommitEpoch()).isEmpty();
    bob.join(log, seq);
    assertThat(bob.authenticator(g)).isEqualTo(alice.authenticator(g));
  }

  @Test
  @DisplayName("R1 two Commits race for one epoch: the loser's is refused (STALE_EPOCH), it processes the winner, retries, and all agree")
  void racingCommitsLoserDiscardsProcessesWinnerAndRetries() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    TestDevice carol = TestDevice.of("carol", 1);
    byte[] g = alice.client.createGroup().groupId();
    long seq = alice.commit(alice.client.addMembers(g, List.of(bob.keyPackage(), carol.keyPackage())), log);
    bob.join(log, seq);
    carol.join(log, seq);

    CommitBundle fromAlice = alice.client.update(g);
    CommitBundle fromBob = bob.client.update(g);
    log.send(fromAlice);
    assertThatThrownBy(() -> log.send(fromBob)).isInstanceOf(OrderingLog.Refused.class).hasMessageContaining("STALE_EPOCH");
    bob.client.discardPendingCommit(g);
    List<Processed> bobSaw = bob.sync(g, log);
    assertThat(bobSaw).singleElement().isInstanceOfSatisfying(Processed.CommitApplied.class, c -> {
      assertThat(c.own()).isFalse();
      assertThat(c.committer().device()).isEqualTo(alice.id);
      assertThat(c.discardedOwnPending()).isFalse();
    });
    alice.sync(g, log);
    carol.sync(g, log);

    bob.commit(bob.client.update(g), log);
    alice.sync(g, log);
    carol.sync(g, log);
    assertThat(alice.client.group(g).epoch()).isEqualTo(3);
    assertThat(bob.authenticator(g)).isEqualTo(alice.authenticator(g)).isEqualTo(carol.authenticator(g));
  }

  @Test
  @DisplayName("R1 a pending Commit that another Commit overtook is dropped when the winner arrives, and reported")
  void winnerArrivingFirstDropsThePendingCommit() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] g = alice.client.createGroup().groupId();
    bob.join(log, alice.commit(alice.client.addMembers(g, List.of(bob.keyPackage())), log));

    alice.client.update(g);
    log.send(bob.client.update(g));
    List<Processed> aliceSaw = alice.sync(g, log);
    assertThat(aliceSaw).singleElement().isInstanceOfSatisfying(Processed.CommitApplied.class,
        c -> assertThat(c.discardedOwnPending()).isTrue());
    assertThat(alice.client.group(g).pendingCommitEpoch()).isEmpty();
    bob.sync(g, log);
    assertThat(alice.authenticator(g)).isEqualTo(bob.authenticator(g));
  }

  @Test
  @DisplayName("R1 a Commit staged before a restart is applied by its echo after the restart")
  void pendingCommitSurvivesRestart() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] g = alice.client.createGroup().groupId();
    CommitBundle add = alice.client.addMembers(g, List.of(bob.keyPackage()));
    long seq = log.send(add);
    alice.restart();
    assertThat(alice.client.group(g).pendingCommitEpoch()).hasValue(0);
    alice.sync(g, log);
    bob.join(log, seq);
    assertThat(alice.client.group(g).epoch()).isEqualTo(1);
    assertThat(alice.authenticator(g)).isEqualTo(bob.authenticator(g));
  }

  @Test
  @DisplayName("R1 a Commit from this device's leaf that is not its staged one is never applied: the group is BROKEN, not silently forked")
  void unknownOwnCommitBreaksTheGroup() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] g = alice.client.createGroup().groupId();
    bob.join(log, alice.commit(alice.client.addMembers(g, List.of(bob.keyPackage())), log));

    CommitBundle first = alice.client.update(g);
    alice.client.discardPendingCommit(g);
    alice.client.update(g);
    long seq = log.send(first);
    Processed p = alice.client.process(g, seq, first.commit());
    assertThat(p).isInstanceOfSatisfying(Processed.Rejected.class, r -> {
      assertThat(r.error()).isEqualTo(MlsError.OWN_COMMIT_UNKNOWN);
      assertThat(r.groupInactive()).isTrue();
    });
    assertThat(alice.client.group(g).status()).isEqualTo(GroupStatus.BROKEN);
    assertThat(alice.client.group(g).epoch()).isEqualTo(1);
  }

  @Test
  @DisplayName("DLV-4 an entry delivered again (same seq) is reported as a duplicate and changes nothing")
  void redeliveryIsIgnored() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] g = alice.client.createGroup().groupId();
    bob.join(log, alice.commit(alice.client.addMembers(g, List.of(bob.keyPackage())), log));
    long seq = log.send(alice.client.encrypt(g, "once".getBytes()));
    assertThat(bob.client.process(g, seq, log.after(seq - 1).getFirst().message())).isInstanceOf(Processed.Application.class);
    assertThat(bob.client.process(g, seq, log.after(seq - 1).getFirst().message())).isEqualTo(new Processed.Duplicate(seq));
  }
}
