package io.wya.mls.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wya.mls.spi.GeneratedKeyPackage;
import io.wya.mls.spi.StagedCommit;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.mls.codec.ExtensionType;
import org.bouncycastle.mls.codec.MLSInputStream;
import org.bouncycastle.mls.codec.MLSMessage;
import org.bouncycastle.mls.codec.MLSOutputStream;
import org.bouncycastle.mls.codec.Proposal;
import org.bouncycastle.mls.crypto.Secret;
import org.bouncycastle.mls.protocol.Group;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The bcmls 1.84 defects the engine works around (mls-notes §1.4), reproduced against bcmls
/// itself: the evidence behind ADR 0300. Each has a counterpart test showing the engine's
/// handling (named in the ADR). If a bcmls upgrade fixes one, its test here fails and the
/// workaround can go.
class BcGapsTest {

  @Test
  @DisplayName("B1 bcmls's own Commit crashes in a one-member group (IndexOutOfBoundsException in parentHashes)")
  void b1CommitAloneCrashes() throws Exception {
    EngineMember alice = new EngineMember(EngineMember.engine(), 1);
    alice.create(new byte[] {1});
    Group g = ((BcGroup) alice.group).bcGroup();
    byte[] leafSecret = new byte[32];
    new SecureRandom().nextBytes(leafSecret);
    assertThatThrownBy(() -> g.commit(new Secret(leafSecret), new Group.CommitOptions(List.of(), true, true, null),
        new Group.MessageOptions(), new Group.CommitParameters(Group.NORMAL_COMMIT_PARAMS)))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  @DisplayName("B3 bcmls reads extension 10 (last_resort) as GREASE 0x4A4A, so the KeyPackage's signature no longer verifies; Proposal.add re-decodes it")
  void b3LastResortIsMisread() throws Exception {
    EngineMember bob = new EngineMember(EngineMember.engine(), 2);
    GeneratedKeyPackage kp = bob.keyPackage(true);
    MLSMessage plain = (MLSMessage) MLSInputStream.decode(kp.message(), MLSMessage.class);
    assertThat(plain.keyPackage.verify()).isFalse();
    assertThat(MLSOutputStream.encode(plain)).isNotEqualTo(kp.message());
    assertThat(Arrays.equals(MLSOutputStream.encode(plain), 0, 8, kp.message(), 0, 8)).isTrue();
    org.bouncycastle.mls.codec.KeyPackage fixed = bob.engine.keyPackageFromMessage(kp.message());
    assertThat(fixed.verify()).isTrue();
    Proposal add = Proposal.add(fixed);
    assertThat(add.getAdd().keyPackage.verify()).as("Proposal.add decoded it again").isFalse();
    assertThat(ExtensionType.values()[10]).isEqualTo(ExtensionType.GREASE_4);
  }

  @Test
  @DisplayName("B4 bcmls's decoder accepts trailing bytes after a message")
  void b4TrailingBytesAccepted() throws Exception {
    EngineMember bob = new EngineMember(EngineMember.engine(), 2);
    byte[] kp = bob.keyPackage(false).message();
    byte[] longer = Arrays.copyOf(kp, kp.length + 3);
    assertThat(MLSInputStream.decode(longer, MLSMessage.class)).isNotNull();
  }

  @Test
  @DisplayName("B6 a removed member cannot process the Commit that removes it with bcmls (\"Invalid proposal list\")")
  void b6RemovedMemberCannotProcessItsRemoval() throws Exception {
    BcEngine engine = EngineMember.engine();
    EngineMember alice = new EngineMember(engine, 1);
    EngineMember bob = new EngineMember(engine, 2);
    alice.create(new byte[] {2});
    StagedCommit add = alice.commit(List.of(bob.keyPackage(false).message()), List.of(), false);
    alice.receive(add.commit());
    bob.join(add.welcome().orElseThrow());
    StagedCommit remove = alice.commit(List.of(), List.of(1), false);
    Group bobGroup = ((BcGroup) bob.group).bcGroup();
    assertThatThrownBy(() -> bobGroup.handle(remove.commit(), null)).hasMessage("Invalid proposal list");
  }

  @Test
  @DisplayName("B9 bcmls's only LifeTime constructor means 'never expires' [0, 2^64-1]")
  void b9DefaultLifetimeIsUnbounded() throws Exception {
    byte[] encoded = MLSOutputStream.encode(new org.bouncycastle.mls.TreeKEM.LifeTime());
    assertThat(encoded).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1);
  }

  @Test
  @DisplayName("B11 bcmls cannot read an application message of the previous epoch once the group moved on")
  void b11PreviousEpochUnreadable() throws Exception {
    BcEngine engine = EngineMember.engine();
    EngineMember alice = new EngineMember(engine, 1);
    EngineMember bob = new EngineMember(engine, 2);
    alice.create(new byte[] {3});
    StagedCommit add = alice.commit(List.of(bob.keyPackage(false).message()), List.of(), false);
    alice.receive(add.commit());
    bob.join(add.welcome().orElseThrow());
    byte[] late = bob.group.encrypt("late".getBytes(), new byte[0]);
    alice.receive(alice.commit(List.of(), List.of(), true).commit());
    Group next = ((BcGroup) alice.group).bcGroup();
    assertThatThrownBy(() -> next.unprotect((MLSMessage) MLSInputStream.decode(late, MLSMessage.class))).isInstanceOf(Exception.class);
  }
}
