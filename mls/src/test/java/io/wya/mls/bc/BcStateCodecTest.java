package io.wya.mls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.mls.spi.EngineGroup;
import io.wya.mls.spi.Incoming;
import io.wya.mls.spi.StagedCommit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// B2: bcmls cannot save a group, so [BcStateCodec] does. After every kind of operation the
/// state of two members is saved and restored (a restart), the restored object graph must equal
/// the live one field for field, saving it again must give the same bytes, and the protocol then
/// continues with the restored state against a third member that never restarted.
class BcStateCodecTest {
  private BcEngine engine;
  private EngineMember alice;
  private EngineMember bob;
  private EngineMember carol;

  @BeforeEach
  void members() throws Exception {
    engine = EngineMember.engine();
    alice = new EngineMember(engine, 1);
    bob = new EngineMember(engine, 2);
    carol = new EngineMember(engine, 3);
  }

  /// Saves and restores `m`'s group and staged Commit, checking both are exact copies.
  private void restart(EngineMember m) throws Exception {
    byte[] saved = m.group.serialize();
    EngineGroup restored = engine.restoreGroup(saved);
    StateGraph.assertSame(((BcGroup) m.group).bcGroup(), ((BcGroup) restored).bcGroup());
    assertThat(restored.serialize()).isEqualTo(saved);
    if (m.pending != null) {
      byte[] staged = m.pending.serialize();
      StagedCommit again = engine.restoreStagedCommit(staged);
      StateGraph.assertSame(((BcStagedCommit) m.pending).next, ((BcStagedCommit) again).next);
      assertThat(again.serialize()).isEqualTo(staged);
      m.pending = again;
    }
    m.group = restored;
  }

  private void restartAliceAndBob() throws Exception {
    restart(alice);
    restart(bob);
  }

  private void deliver(byte[] message, EngineMember... to) throws Exception {
    for (EngineMember m : to) m.receive(message);
  }

  private void agree() {
    assertThat(alice.group.epochAuthenticator()).isEqualTo(carol.group.epochAuthenticator());
    assertThat(bob.group.epochAuthenticator()).isEqualTo(carol.group.epochAuthenticator());
  }

  @Test
  @DisplayName("B2 a group saved and restored after every kind of operation is the same state, and the protocol continues from it")
  void restoredGroupsContinueTheProtocol() throws Exception {
    alice.create(new byte[] {7, 7});
    restart(alice);                                                       // a fresh group
    StagedCommit add = alice.commit(List.of(bob.keyPackage(false).message(), carol.keyPackage(true).message()), List.of(), false);
    restart(alice);                                                       // a staged Commit with Welcome
    alice.receive(add.commit());
    bob.join(add.welcome().orElseThrow());
    carol.join(add.welcome().orElseThrow());
    restartAliceAndBob();                                                 // just joined from a Welcome
    agree();

    byte[] a1 = alice.group.encrypt("a1".getBytes(), new byte[0]);
    byte[] a2 = alice.group.encrypt("a2".getBytes(), new byte[0]);
    byte[] a3 = alice.group.encrypt("a3".getBytes(), new byte[0]);
    deliver(a3, bob, carol);                                              // out of order: a1, a2 keys cached
    restartAliceAndBob();
    assertThat(((Incoming.Application) bob.receive(a1)).plaintext()).isEqualTo("a1".getBytes());
    restartAliceAndBob();
    assertThat(((Incoming.Application) bob.receive(a2)).plaintext()).isEqualTo("a2".getBytes());
    deliver(a1, carol);
    deliver(a2, carol);

    byte[] late = bob.group.encrypt("late".getBytes(), new byte[0]);
    byte[] leave = carol.group.proposeSelfRemove();                       // a proposal cached by alice and bob
    deliver(leave, alice, bob, carol);
    restartAliceAndBob();
    StagedCommit commitLeave = bob.commit(List.of(), List.of(), false);
    restartAliceAndBob();                                                 // staged Commit by reference
    assertThat(carol.receive(commitLeave.commit())).isInstanceOf(Incoming.Removed.class);
    deliver(commitLeave.commit(), alice, bob);
    restartAliceAndBob();                                                 // previous-epoch keys held
    assertThat(((Incoming.Application) alice.receive(late)).plaintext()).isEqualTo("late".getBytes());
    assertThat(alice.group.epochAuthenticator()).isEqualTo(bob.group.epochAuthenticator());

    EngineMember dave = new EngineMember(engine, 4);
    carol = dave;                                                         // the never-restarted peer from now on
    StagedCommit addDave = alice.commit(List.of(dave.keyPackage(false).message()), List.of(), true);
    deliver(addDave.commit(), alice, bob);
    dave.join(addDave.welcome().orElseThrow());
    restartAliceAndBob();
    agree();
    StagedCommit update = dave.commit(List.of(), List.of(), true);
    deliver(update.commit(), alice, bob, dave);
    restartAliceAndBob();
    agree();
    byte[] d1 = dave.group.encrypt("d1".getBytes(), new byte[0]);
    assertThat(((Incoming.Application) alice.receive(d1)).plaintext()).isEqualTo("d1".getBytes());
    assertThat(((Incoming.Application) bob.receive(d1)).plaintext()).isEqualTo("d1".getBytes());

    StagedCommit removeAll = alice.commit(List.of(), List.of(1, 2), false);  // bob and dave: alice alone (B1)
    deliver(removeAll.commit(), alice, bob, dave);
    restart(alice);
    StagedCommit alone = alice.commit(List.of(), List.of(), true);
    restart(alice);
    alice.receive(alone.commit());
    restart(alice);
    assertThat(alice.group.leaves()).hasSize(1);
    assertThat(alice.group.epoch()).isEqualTo(6);
  }
}
