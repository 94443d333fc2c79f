package io.wya.mls;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.mls.bc.BcEngine;
import io.wya.mls.store.InMemoryStateStore;
import io.wya.mls.wire.MlsLimits;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.PrivateMessage;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// Application messages: both directions, the previous epoch (mls-notes B11), replays, forgeries,
/// the ratchet window, and this device's own echoes.
class ApplicationMessagesTest {

  private static byte[][] pair(OrderingLog log, TestDevice alice, TestDevice bob) throws Exception {
    byte[] g = alice.client.createGroup().groupId();
    bob.join(log, alice.commit(alice.client.addMembers(g, List.of(bob.keyPackage())), log));
    return new byte[][] {g};
  }

  @Test
  @DisplayName("EPOCH-4 B11 a message encrypted just before a Commit is still read after the Commit; two epochs back it is refused")
  void previousEpochMessagesAreRead() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] g = pair(log, alice, bob)[0];

    byte[] late = bob.client.encrypt(g, "sent at epoch 1".getBytes());
    alice.commit(alice.client.update(g), log);
    bob.sync(g, log);
    alice.restart();
    long seq = log.send(late);
    assertThat(alice.client.process(g, seq, late)).isInstanceOfSatisfying(Processed.Application.class, a -> {
      assertThat(a.plaintext()).isEqualTo("sent at epoch 1".getBytes());
      assertThat(a.epoch()).isEqualTo(1);
      assertThat(a.sender().device()).isEqualTo(bob.id);
    });

    byte[] older = bob.client.encrypt(g, "sent at epoch 2".getBytes());
    alice.commit(alice.client.update(g), log);
    alice.commit(alice.client.update(g), log);
    // the gateway would refuse it (EPOCH_TOO_OLD); delivered anyway, the client refuses it too
    assertThat(alice.client.process(g, 1_000, older)).isInstanceOfSatisfying(Processed.Rejected.class, r -> {
      assertThat(r.error()).isEqualTo(MlsError.WRONG_EPOCH);
      assertThat(r.groupInactive()).isFalse();
    });
  }

  @Test
  @DisplayName("a replayed message (its key already used and erased) is KEY_ALREADY_USED; the echo of our own message is recognised")
  void replaysAndOwnEchoes() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] g = pair(log, alice, bob)[0];
    byte[] m = alice.client.encrypt(g, "one".getBytes());
    long seq = log.send(m);
    assertThat(alice.client.process(g, seq, m)).isInstanceOf(Processed.OwnApplication.class);
    assertThat(bob.client.process(g, seq, m)).isInstanceOf(Processed.Application.class);
    assertThat(bob.client.process(g, seq + 1, m)).isInstanceOfSatisfying(Processed.Rejected.class,
        r -> assertThat(r.error()).isEqualTo(MlsError.KEY_ALREADY_USED));
  }

  @Test
  @DisplayName("a tampered message fails without burning the key: the genuine one still decrypts afterwards")
  void tamperingDoesNotBurnTheKey() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] g = pair(log, alice, bob)[0];
    byte[] genuine = alice.client.encrypt(g, "genuine".getBytes());
    byte[] tampered = genuine.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThat(bob.client.process(g, 10, tampered)).isInstanceOfSatisfying(Processed.Rejected.class,
        r -> assertThat(r.error()).isEqualTo(MlsError.DECRYPTION_FAILED));
    assertThat(bob.client.process(g, 11, genuine)).isInstanceOfSatisfying(Processed.Application.class,
        a -> assertThat(a.plaintext()).isEqualTo("genuine".getBytes()));
  }

  @Test
  @DisplayName("a sender generation beyond the ratchet window is refused (GENERATION_TOO_FAR_AHEAD); out-of-order within it is read")
  void ratchetWindowIsBounded() throws Exception {
    BcEngine narrow = new BcEngine(1, new BcEngine.Options(MlsLimits.DEFAULT, 3, 8, true), new SecureRandom());
    TestClock clock = TestClock.now();
    OrderingLog log = new OrderingLog();
    TestDevice alice = new TestDevice("alice", 1, new InMemoryStateStore(), narrow, clock);
    TestDevice bob = new TestDevice("bob", 1, new InMemoryStateStore(), narrow, clock);
    byte[] g = pair(log, alice, bob)[0];
    byte[][] sent = new byte[6][];
    for (int i = 0; i < sent.length; i++) sent[i] = alice.client.encrypt(g, ("m" + i).getBytes());
    assertThat(bob.client.process(g, 10, sent[2])).isInstanceOf(Processed.Application.class);
    assertThat(bob.client.process(g, 11, sent[0])).isInstanceOf(Processed.Application.class);
    assertThat(bob.client.process(g, 12, sent[5])).isInstanceOf(Processed.Application.class);
    byte[][] more = new byte[5][];
    for (int i = 0; i < more.length; i++) more[i] = alice.client.encrypt(g, ("n" + i).getBytes());
    assertThat(bob.client.process(g, 13, more[4])).isInstanceOfSatisfying(Processed.Rejected.class,
        r -> assertThat(r.error()).isEqualTo(MlsError.GENERATION_TOO_FAR_AHEAD));
    assertThat(bob.client.process(g, 14, more[0])).isInstanceOf(Processed.Application.class);
  }

  @Test
  @DisplayName("application messages are PrivateMessages padded to 64-byte blocks; the sender keeps no key for what it sent")
  void messagesArePaddedPrivateMessages() throws Exception {
    OrderingLog log = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] g = pair(log, alice, bob)[0];
    int a = alice.client.encrypt(g, new byte[1]).length;
    int b = alice.client.encrypt(g, new byte[40]).length;
    int c = alice.client.encrypt(g, new byte[70]).length;
    assertThat(a).isEqualTo(b);
    assertThat(c).isGreaterThan(b);
    byte[] m = alice.client.encrypt(g, "x".getBytes());
    assertThat(MlsWire.parseMessage(m)).isInstanceOf(PrivateMessage.class);
    assertThat(Arrays.equals(m, alice.client.encrypt(g, "x".getBytes()))).isFalse();
  }
}
