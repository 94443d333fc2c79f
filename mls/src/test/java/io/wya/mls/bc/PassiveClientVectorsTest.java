package io.wya.mls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.mls.spi.EngineGroup;
import io.wya.mls.spi.Incoming;
import io.wya.mls.spi.MlsEngine;
import io.wya.mls.spi.SigningKey;
import io.wya.mls.spi.StateWriter;
import io.wya.mls.wire.KeyPackage;
import io.wya.mls.wire.MlsCrypto;
import io.wya.mls.wire.MlsLimits;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.Welcome;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.mls.crypto.MlsCipherSuite;
import org.bouncycastle.mls.crypto.Secret;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The official passive-client vectors, run through the engine's own pipeline — mls-wire's strict
/// parse, our Welcome pre-checks, our authentication of every proposal and Commit, then bcmls —
/// with the group saved and restored (B2) after the join and after every epoch.
class PassiveClientVectorsTest {

  @Test
  @DisplayName("passive-client-welcome: every join reaches the vector's epoch authenticator, also after a save and restore")
  void welcome() throws Exception {
    assertThat(run("passive-client-welcome.json")).isEqualTo(56);
  }

  @Test
  @DisplayName("passive-client-handling-commit: every proposal and Commit applies, epoch authenticators agree, state restored each epoch")
  void handlingCommit() throws Exception {
    assertThat(run("passive-client-handling-commit.json")).isEqualTo(91);
  }

  @Test
  @DisplayName("passive-client-random: 200 random epochs apply with a save and restore after each")
  void random() throws Exception {
    assertThat(run("passive-client-random.json")).isEqualTo(1);
  }

  private static int run(String file) throws Exception {
    int passed = 0;
    for (JsonNode c : Vectors.load(file)) {
      runCase(c);
      passed++;
    }
    return passed;
  }

  private static void runCase(JsonNode c) throws Exception {
    int suiteId = c.get("cipher_suite").asInt();
    BcEngine engine = new BcEngine(suiteId, new BcEngine.Options(new MlsLimits(8 << 20), 1000, 1 << 20, false), new SecureRandom());
    MlsCipherSuite suite = engine.suite();
    byte[] kpMessage = Vectors.hex(c.get("key_package"));
    KeyPackage kp = (KeyPackage) MlsWire.parseMessage(kpMessage, engine.limits());
    HPKE hpke = suite.getHPKE();
    byte[] privateState = new StateWriter().u8(1).bytes(kpMessage)
        .bytes(fixedLength(hpke, Vectors.hex(c.get("init_priv")))).bytes(kp.initKey())
        .bytes(fixedLength(hpke, Vectors.hex(c.get("encryption_priv")))).bytes(kp.leafNode().encryptionKey()).toByteArray();
    byte[] ref = MlsCrypto.keyPackageRef(BcMessages.wireSuite(suite), kp);
    SigningKey key = new SigningKey(Vectors.hex(c.get("signature_priv")), kp.leafNode().signatureKey());
    Map<Secret, byte[]> psks = new HashMap<>();
    for (JsonNode p : c.get("external_psks")) psks.put(new Secret(Vectors.hex(p.get("psk_id"))), Vectors.hex(p.get("psk")));

    byte[] welcome = Vectors.hex(c.get("welcome"));
    MlsEngine.Joined joined = engine.join((Welcome) MlsWire.parseMessage(welcome, engine.limits()), welcome, key,
        r -> java.util.Arrays.equals(r, ref) ? Optional.of(privateState) : Optional.empty(), psks, Vectors.hex(c.get("ratchet_tree")));
    EngineGroup group = restore(engine, joined.group());
    assertThat(group.epochAuthenticator()).isEqualTo(Vectors.hex(c.get("initial_epoch_authenticator")));

    for (JsonNode epoch : c.get("epochs")) {
      for (JsonNode proposal : epoch.get("proposals")) {
        byte[] bytes = Vectors.hex(proposal);
        Incoming in = group.process(MlsWire.parseMessage(bytes, engine.limits()), bytes);
        assertThat(in).isInstanceOfAny(Incoming.ProposalStored.class, Incoming.RemovalOfSelfProposed.class);
      }
      byte[] commit = Vectors.hex(epoch.get("commit"));
      Incoming in = group.process(MlsWire.parseMessage(commit, engine.limits()), commit);
      assertThat(in).isInstanceOf(Incoming.CommitApplied.class);
      group = restore(engine, ((Incoming.CommitApplied) in).next());
      assertThat(group.epochAuthenticator()).isEqualTo(Vectors.hex(epoch.get("epoch_authenticator")));
    }
  }

  /// Some P-521 private keys in the vectors have their leading zero byte stripped; RFC 9180
  /// §7.1.2 serialises them to exactly Nsk bytes.
  private static byte[] fixedLength(HPKE hpke, byte[] key) {
    int nsk = hpke.serializePrivateKey(hpke.generatePrivateKey().getPrivate()).length;
    if (key.length >= nsk) return key;
    byte[] out = new byte[nsk];
    System.arraycopy(key, 0, out, nsk - key.length, key.length);
    return out;
  }

  private static EngineGroup restore(BcEngine engine, EngineGroup group) throws Exception {
    byte[] saved = group.serialize();
    EngineGroup restored = engine.restoreGroup(saved);
    assertThat(restored.serialize()).isEqualTo(saved);
    return restored;
  }
}
