package io.wya.mls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wya.mls.bc.BcEngine;
import io.wya.mls.store.EncryptedFileStore;
import io.wya.mls.store.StateKey;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A device whose state lives in an encrypted directory: a restart (a new process) in the
/// middle of a conversation keeps every group, and nothing secret is ever on disk in the clear.
class PersistentClientTest {
  private static final StateKey.Argon2Cost CHEAP = new StateKey.Argon2Cost(256, 1, 1);
  @TempDir Path home;

  private MlsClient openAlice(String passphrase, TestClock clock) throws MlsException {
    EncryptedFileStore store = EncryptedFileStore.open(home, StateKey.passphrase(passphrase.toCharArray(), CHEAP), new SecureRandom());
    try {
      return MlsClient.create(store, BcEngine.standard(), TestDevice.identity("alice", 1), MlsConfig.DEFAULTS, clock, new SecureRandom());
    } catch (MlsException e) {
      store.close();
      throw e;
    }
  }

  @Test
  @DisplayName("a restart keeps every group: the restored device reads, commits and agrees with peers that never restarted")
  void restartKeepsEveryGroup() throws Exception {
    TestClock clock = TestClock.now();
    OrderingLog dm = new OrderingLog();
    OrderingLog room = new OrderingLog();
    TestDevice bob = TestDevice.of("bob", 1);
    TestDevice carol = TestDevice.of("carol", 1);
    List<byte[]> secrets = new ArrayList<>();

    MlsClient alice = openAlice("pass", clock);
    byte[] g1 = alice.createGroup().groupId();
    byte[] g2 = alice.createGroup().groupId();
    CommitBundle addBob = alice.addMembers(g1, List.of(bob.keyPackage()));
    long s1 = dm.send(addBob);
    alice.process(g1, s1, addBob.commit());
    bob.join(dm, s1);
    CommitBundle addBoth = alice.addMembers(g2, List.of(bob.keyPackage(), carol.keyPackage()));
    long s2 = room.send(addBoth);
    alice.process(g2, s2, addBoth.commit());
    bob.join(room, s2);
    carol.join(room, s2);
    byte[] fromBob = bob.client.encrypt(g1, "plaintext one from bob".getBytes());
    long s3 = dm.send(fromBob);
    secrets.add("plaintext one from bob".getBytes());
    secrets.add(alice.group(g1).epochAuthenticator());
    secrets.add(signingKey(alice));
    CommitBundle pending = alice.update(g2);
    room.send(pending);
    alice.close();

    alice = openAlice("pass", clock);
    assertThat(alice.groups()).hasSize(2);
    assertThat(alice.process(g1, s3, fromBob)).isInstanceOfSatisfying(Processed.Application.class,
        a -> assertThat(a.plaintext()).isEqualTo("plaintext one from bob".getBytes()));
    for (OrderingLog.Entry e : room.after(alice.group(g2).lastSeq())) alice.process(g2, e.seq(), e.message());
    bob.sync(g2, room);
    carol.sync(g2, room);
    assertThat(alice.group(g2).epoch()).isEqualTo(2);
    assertThat(alice.group(g2).epochAuthenticator()).isEqualTo(bob.authenticator(g2)).isEqualTo(carol.authenticator(g2));
    byte[] toRoom = alice.encrypt(g2, "plaintext two from alice".getBytes());
    secrets.add("plaintext two from alice".getBytes());
    room.send(toRoom);
    assertThat(carol.sync(g2, room)).singleElement().isInstanceOf(Processed.Application.class);
    secrets.add(alice.group(g2).epochAuthenticator());
    alice.close();

    for (Path f : Files.list(home).toList()) {
      byte[] bytes = Files.readAllBytes(f);
      for (byte[] secret : secrets) assertThat(indexOf(bytes, secret)).as("a secret in the clear in " + f).isEqualTo(-1);
    }
    assertThatThrownBy(() -> openAlice("not the pass", clock)).isInstanceOfSatisfying(MlsException.class,
        e -> assertThat(e.error()).isEqualTo(MlsError.WRONG_PASSPHRASE));
  }

  private static byte[] signingKey(MlsClient client) throws Exception {
    Field f = MlsClient.class.getDeclaredField("device");
    f.setAccessible(true);
    return ((DeviceState) f.get(client)).signingKey.privateKey();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    return io.wya.mls.store.EncryptedFileStoreTestAccess.indexOf(haystack, needle);
  }
}
