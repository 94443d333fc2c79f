package io.wya.mls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// Several clients in one JVM, each pair in its own group on its own thread, all at once.
/// bcmls 1.84 hands every caller the same static cipher-suite objects, whose digest, KDF, AEAD
/// and HPKE instances keep working state; without the engine's JVM-wide lock (`BcLock`) these
/// threads corrupt each other's hashes and keys, and messages that are fine fail to decrypt or
/// verify. Every thread must see exactly its own plaintexts and epochs.
class ConcurrentClientsTest {
  private static final int PAIRS = 4;
  private static final int ROUNDS = 12;

  @Test
  @DisplayName("clients on several threads of one JVM encrypt, decrypt and commit at once without disturbing each other (bcmls's shared suite state)")
  void clientsOnSeveralThreads() throws Exception {
    List<Callable<Integer>> pairs = new ArrayList<>();
    CyclicBarrier start = new CyclicBarrier(PAIRS);
    for (int p = 0; p < PAIRS; p++) {
      int pair = p;
      pairs.add(() -> conversation(pair, start));
    }
    ExecutorService threads = Executors.newFixedThreadPool(PAIRS);
    try {
      List<Future<Integer>> results = threads.invokeAll(pairs);
      for (Future<Integer> r : results) assertThat(r.get()).isEqualTo(ROUNDS * 2);
    } finally {
      threads.shutdownNow();
      threads.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /// One pair's conversation: messages both ways and an update Commit each round; returns how
  /// many messages arrived as sent.
  private static int conversation(int pair, CyclicBarrier start) throws Exception {
    TestDevice a = TestDevice.of("a" + pair, 1);
    TestDevice b = TestDevice.of("b" + pair, 1);
    OrderingLog log = new OrderingLog();
    byte[] g = a.client.createGroup().groupId();
    long seq = a.commit(a.client.addMembers(g, List.of(b.keyPackage())), log);
    b.join(log, seq);
    start.await(10, TimeUnit.SECONDS);
    int arrived = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (TestDevice[] way : new TestDevice[][] {{a, b}, {b, a}}) {
        byte[] text = ("pair " + pair + " round " + round + " from " + way[0].id).getBytes(StandardCharsets.UTF_8);
        log.send(way[0].client.encrypt(g, text));
        way[0].sync(g, log);
        List<Processed> got = way[1].sync(g, log);
        assertThat(got).singleElement().isInstanceOfSatisfying(Processed.Application.class, m -> assertThat(m.plaintext()).isEqualTo(text));
        arrived++;
      }
      TestDevice committer = round % 2 == 0 ? a : b;
      TestDevice other = committer == a ? b : a;
      committer.commit(committer.client.update(g), log);
      assertThat(other.sync(g, log)).singleElement().isInstanceOf(Processed.CommitApplied.class);
      assertThat(a.authenticator(g)).isEqualTo(b.authenticator(g));
    }
    assertThat(a.client.group(g).epoch()).isEqualTo(ROUNDS + 1);
    return arrived;
  }
}
