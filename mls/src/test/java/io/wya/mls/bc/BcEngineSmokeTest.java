package io.wya.mls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.mls.spi.Incoming;
import io.wya.mls.spi.StagedCommit;
import java.util.List;
import org.junit.jupiter.api.Test;

class BcEngineSmokeTest {
  @Test
  void twoMembersTalkUpdateAndPart() throws Exception {
    BcEngine engine = EngineMember.engine();
    EngineMember alice = new EngineMember(engine, 1);
    EngineMember bob = new EngineMember(engine, 2);
    alice.create(new byte[] {1, 2, 3});
    StagedCommit add = alice.commit(List.of(bob.keyPackage(false).message()), List.of(), false);
    alice.receive(add.commit());
    bob.join(add.welcome().orElseThrow());
    assertThat(bob.group.epochAuthenticator()).isEqualTo(alice.group.epochAuthenticator());

    byte[] hello = alice.group.encrypt("hello".getBytes(), new byte[0]);
    assertThat(((Incoming.Application) bob.receive(hello)).plaintext()).isEqualTo("hello".getBytes());
    assertThat(alice.receive(hello)).isInstanceOf(Incoming.OwnApplication.class);

    alice.restart();
    bob.restart();
    StagedCommit update = bob.commit(List.of(), List.of(), true);
    alice.receive(update.commit());
    bob.receive(update.commit());
    assertThat(bob.group.epochAuthenticator()).isEqualTo(alice.group.epochAuthenticator());

    byte[] back = bob.group.encrypt("back".getBytes(), new byte[0]);
    assertThat(((Incoming.Application) alice.receive(back)).plaintext()).isEqualTo("back".getBytes());

    StagedCommit remove = alice.commit(List.of(), List.of(1), false);
    assertThat(bob.receive(remove.commit())).isInstanceOf(Incoming.Removed.class);
    alice.receive(remove.commit());
    assertThat(alice.group.leaves()).hasSize(1);
    StagedCommit alone = alice.commit(List.of(), List.of(), true);
    alice.receive(alone.commit());
    alice.restart();
    assertThat(alice.group.epoch()).isEqualTo(4);
  }
}
