package io.wya.mls.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import io.wya.mls.spi.GeneratedKeyPackage;
import io.wya.mls.spi.Incoming;
import io.wya.mls.spi.StagedCommit;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.MlsWireException;
import io.wya.mls.wire.Welcome;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bouncycastle.mls.TreeKEM.LeafNode;
import org.bouncycastle.mls.codec.Capabilities;
import org.bouncycastle.mls.codec.Credential;
import org.bouncycastle.mls.codec.KeyPackage;
import org.bouncycastle.mls.codec.MLSMessage;
import org.bouncycastle.mls.codec.MLSOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// Hostile bytes from a peer or the Delivery Service: every failure is a typed [MlsException],
/// nothing is applied, and the genuine message still works afterwards.
class UntrustedInputTest {

  @Test
  @DisplayName("R6 an 8-byte message claiming a 1 GiB vector is refused by the strict parser before any MLS decoder runs")
  void hugeDeclaredLengthNeverReachesBcmls() throws Exception {
    byte[] attack = HexFormat.of().parseHex("00010003" + "0001" + "bfffffff");
    assertThatThrownBy(() -> MlsWire.parseMessage(attack)).isInstanceOfSatisfying(MlsWireException.class,
        e -> assertThat(e.reason()).isEqualTo(MlsWireException.Reason.TRUNCATED));
    EngineMember bob = new EngineMember(EngineMember.engine(), 2);
    assertThatThrownBy(() -> bob.engine.keyPackageFromMessage(attack)).isInstanceOfSatisfying(MlsException.class,
        e -> assertThat(e.error()).isEqualTo(MlsError.MALFORMED_MESSAGE));
  }

  @Test
  @DisplayName("every single-bit change to a Commit is refused with a typed error, and the genuine Commit applies afterwards")
  void tamperedCommitsAreRefused() throws Exception {
    BcEngine engine = EngineMember.engine();
    EngineMember alice = new EngineMember(engine, 1);
    EngineMember bob = new EngineMember(engine, 2);
    EngineMember carol = new EngineMember(engine, 3);
    alice.create(new byte[] {5});
    StagedCommit add = alice.commit(List.of(bob.keyPackage(false).message(), carol.keyPackage(false).message()), List.of(), false);
    alice.receive(add.commit());
    bob.join(add.welcome().orElseThrow());
    carol.join(add.welcome().orElseThrow());
    byte[] commit = carol.commit(List.of(), List.of(), true).commit();
    Random random = new Random(42);
    int refused = 0;
    for (int i = 0; i < 60; i++) {
      byte[] bad = commit.clone();
      bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
      try {
        bob.group.process(MlsWire.parseMessage(bad), bad);
        throw new AssertionError("a tampered Commit was applied");
      } catch (MlsWireException | MlsException expected) {
        refused++;
      }
    }
    assertThat(refused).isEqualTo(60);
    assertThat(bob.receive(commit)).isInstanceOf(Incoming.CommitApplied.class);
    alice.receive(commit);
    assertThat(bob.group.epochAuthenticator()).isEqualTo(alice.group.epochAuthenticator());
  }

  @Test
  @DisplayName("a Welcome whose encrypted contents were altered is WELCOME_INVALID; one for nobody here is NO_MATCHING_KEY_PACKAGE")
  void alteredWelcomes() throws Exception {
    BcEngine engine = EngineMember.engine();
    EngineMember alice = new EngineMember(engine, 1);
    EngineMember bob = new EngineMember(engine, 2);
    EngineMember carol = new EngineMember(engine, 3);
    alice.create(new byte[] {6});
    byte[] welcome = alice.commit(List.of(bob.keyPackage(false).message()), List.of(), false).welcome().orElseThrow();
    byte[] altered = welcome.clone();
    altered[altered.length - 3] ^= 1;
    assertThatThrownBy(() -> bob.join(altered)).isInstanceOfSatisfying(MlsException.class,
        e -> assertThat(e.error()).isEqualTo(MlsError.WELCOME_INVALID));
    assertThatThrownBy(() -> carol.join(welcome)).isInstanceOfSatisfying(MlsException.class,
        e -> assertThat(e.error()).isEqualTo(MlsError.NO_MATCHING_KEY_PACKAGE));
    bob.join(welcome);
    assertThat(bob.group.epoch()).isEqualTo(1);
  }

  @Test
  @DisplayName("B5 MBR-5 an external Commit that removes someone other than the joiner's old leaf is refused")
  void externalCommitMayOnlyEvictTheJoiner() throws Exception {
    BcEngine engine = EngineMember.engine();
    EngineMember alice = new EngineMember(engine, 1);
    EngineMember bob = new EngineMember(engine, 2);
    EngineMember mallory = new EngineMember(engine, 3);
    alice.create(new byte[] {9});
    StagedCommit add = alice.commit(List.of(bob.keyPackage(false).message()), List.of(), false);
    alice.receive(add.commit());
    bob.join(add.welcome().orElseThrow());
    byte[] info = alice.group.groupInfo();
    Instant now = Instant.now();
    StagedCommit evict = engine.externalJoin((io.wya.mls.wire.GroupInfo) MlsWire.parseMessage(info), info, mallory.identity,
        mallory.key, java.util.OptionalInt.of(1), now.minusSeconds(60), now.plusSeconds(3600));
    assertThatThrownBy(() -> alice.receive(evict.commit())).isInstanceOfSatisfying(MlsException.class,
        e -> assertThat(e.error()).isEqualTo(MlsError.COMMIT_INVALID));
    StagedCommit join = engine.externalJoin((io.wya.mls.wire.GroupInfo) MlsWire.parseMessage(info), info, mallory.identity,
        mallory.key, java.util.OptionalInt.empty(), now.minusSeconds(60), now.plusSeconds(3600));
    assertThat(alice.receive(join.commit())).isInstanceOf(Incoming.CommitApplied.class);
    assertThat(bob.receive(join.commit())).isInstanceOf(Incoming.CommitApplied.class);
    assertThat(alice.group.epochAuthenticator()).isEqualTo(bob.group.epochAuthenticator())
        .isEqualTo(engine.completeExternalJoin(join).epochAuthenticator());
  }

  @Test
  @DisplayName("B3 a private-use extension type in a leaf is refused as UNSUPPORTED_EXTENSION before bcmls reads it")
  void privateUseLeafExtensionIsRefused() throws Exception {
    BcEngine engine = EngineMember.engine();
    EngineMember bob = new EngineMember(engine, 2);
    var suite = engine.suite();
    var leafKey = suite.getHPKE().generatePrivateKey();
    var initKey = suite.getHPKE().generatePrivateKey();
    Capabilities caps = new Capabilities();
    caps.getExtensions().add((short) 0xFF00);
    Instant now = Instant.now();
    LeafNode leaf = new LeafNode(suite, suite.getHPKE().serializePublicKey(leafKey.getPublic()), bob.key.publicKey(),
        Credential.forBasic(bob.identity), caps, BcKeyPackages.lifetime(now.minusSeconds(60), now.plusSeconds(3600)),
        List.of(new VerbatimExtension(0xFF00, new byte[] {1, 2})), bob.key.privateKey());
    KeyPackage kp = new KeyPackage(suite, suite.getHPKE().serializePublicKey(initKey.getPublic()), leaf, List.of(), bob.key.privateKey());
    byte[] message = MLSOutputStream.encode(MLSMessage.keyPackage(kp));
    assertThatThrownBy(() -> engine.keyPackageFromMessage(message)).isInstanceOfSatisfying(MlsException.class,
        e -> assertThat(e.error()).isEqualTo(MlsError.UNSUPPORTED_EXTENSION));
  }

  @Test
  @DisplayName("B3 a KeyPackage with last_resort decodes into bcmls byte-exact (its ref and signature survive) and can be added")
  void lastResortKeyPackagesAreAddable() throws Exception {
    BcEngine engine = EngineMember.engine();
    EngineMember alice = new EngineMember(engine, 1);
    EngineMember bob = new EngineMember(engine, 2);
    GeneratedKeyPackage kp = bob.keyPackage(true);
    KeyPackage decoded = engine.keyPackageFromMessage(kp.message());
    assertThat(decoded.verify()).isTrue();
    assertThat(MLSOutputStream.encode(MLSMessage.keyPackage(decoded))).isEqualTo(kp.message());
    alice.create(new byte[] {8});
    StagedCommit add = alice.commit(List.of(kp.message()), List.of(), false);
    Welcome w = (Welcome) MlsWire.parseMessage(add.welcome().orElseThrow());
    assertThat(Arrays.equals(w.recipients().getFirst(), kp.ref())).isTrue();
    alice.receive(add.commit());
    bob.join(add.welcome().orElseThrow());
    assertThat(bob.group.epochAuthenticator()).isEqualTo(alice.group.epochAuthenticator());
    assertThat(Optional.of(bob.keyPackageSecrets).map(m -> m.size())).contains(1);
  }
}
