package io.wya.mls.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wya.mls.CommitBundle;
import io.wya.mls.MlsClient;
import io.wya.mls.MlsConfig;
import io.wya.mls.TestClock;
import io.wya.mls.TestDevice;
import io.wya.mls.bc.BcEngine;
import io.wya.mls.spi.EngineGroup;
import io.wya.mls.spi.GeneratedKeyPackage;
import io.wya.mls.store.AtomicFiles;
import io.wya.mls.store.EncryptedFileStore;
import io.wya.mls.store.StateKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// What persisting a group costs, by group size: the engine state's size, save + restore of the
/// bcmls state, and sending one message through the client (encrypt, then the encrypted, fsync'd
/// write of the group blob that every message costs), against a baseline fsync'd write of as many
/// random bytes. A
/// measurement, not a test: runs only with `-Dwya.bench=true` (see BENCHMARKS.md).
class StateCostBench {
  @TempDir Path dir;

  @Test
  void stateCostByGroupSize() throws Exception {
    assumeTrue(Boolean.getBoolean("wya.bench"), "a measurement: run with -Dwya.bench=true");
    BcEngine engine = BcEngine.standard();
    System.out.println("| members | state bytes | save+restore (ms) | encrypt + encrypted write (ms) | baseline fsync'd write (ms) |");
    System.out.println("|---:|---:|---:|---:|---:|");
    for (int members : new int[] {2, 10, 50, 150}) {
      Path home = dir.resolve("m" + members);
      EncryptedFileStore store = EncryptedFileStore.open(home, StateKey.key(new byte[32]), new SecureRandom());
      MlsClient alice = MlsClient.create(store, engine, TestDevice.identity("alice", members), MlsConfig.DEFAULTS, TestClock.now(),
          new SecureRandom());
      byte[] g = alice.createGroup().groupId();
      List<byte[]> kps = new ArrayList<>();
      Instant now = Instant.now();
      for (int i = 1; i < members; i++) {
        var key = engine.newSigningKey();
        GeneratedKeyPackage kp = engine.newKeyPackage(TestDevice.identity("m" + i, 1).mlsIdentity(), key, now.minusSeconds(60),
            now.plusSeconds(3600), false);
        kps.add(kp.message());
      }
      CommitBundle add = alice.addMembers(g, kps);
      alice.process(g, 1, add.commit());
      byte[] state = engineGroup(alice, g).serialize();
      double restore = time(50, () -> engine.restoreGroup(engineGroup(alice, g).serialize()));
      double write = time(50, () -> alice.encrypt(g, new byte[16]));
      byte[] random = new byte[state.length];
      new SecureRandom().nextBytes(random);
      Path baseline = home.resolve("baseline");
      double raw = time(50, () -> AtomicFiles.write(baseline, random));
      System.out.printf("| %d | %d | %.2f | %.2f | %.2f |%n", members, state.length, restore, write, raw);
      alice.close();
    }
  }

  interface Step {
    void run() throws Exception;
  }

  /// Mean milliseconds per run after as many warm-up runs.
  private static double time(int runs, Step step) throws Exception {
    for (int i = 0; i < runs; i++) step.run();
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) step.run();
    return (System.nanoTime() - start) / 1e6 / runs;
  }

  private static EngineGroup engineGroup(MlsClient client, byte[] g) throws Exception {
    var slot = MlsClient.class.getDeclaredMethod("slot", byte[].class);
    slot.setAccessible(true);
    Object s = slot.invoke(client, (Object) g);
    var field = s.getClass().getDeclaredField("group");
    field.setAccessible(true);
    return (EngineGroup) field.get(s);
  }
}
