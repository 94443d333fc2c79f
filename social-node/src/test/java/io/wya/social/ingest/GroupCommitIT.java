package io.wya.social.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.wya.polycentric.VerifiedEvent;
import io.wya.social.support.Identity;
import io.wya.social.support.Node;
import io.wya.social.support.SocialNodeResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/// Group commit on the real database (ADR 0109): batches that arrive while every write
/// transaction is busy are written together in the next one, each still whole and once.
@QuarkusTest
class GroupCommitIT {
  private static final int WAITING_BATCHES = 10;

  @Inject MeterRegistry metrics;

  @Test void batchesWaitingForBusyTransactionsShareOneAndEveryEventIsStoredOnce() throws Exception {
    var db = SocialNodeResource.database();
    ExecutorService clients = Executors.newFixedThreadPool(SocialNodeResource.WRITE_TRANSACTIONS + WAITING_BATCHES);
    try (Connection blocker = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Connection reader = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      // Hold the ingest lock of a few systems, so that their batches occupy every write transaction.
      blocker.setAutoCommit(false);
      List<Future<Integer>> blocked = new ArrayList<>();
      for (int i = 0; i < SocialNodeResource.WRITE_TRANSACTIONS; i++) {
        Identity held = Identity.create();
        try (PreparedStatement lock = blocker.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 7))")) {
          lock.setString(1, HexFormat.of().formatHex(held.system().key().toByteArray()));
          lock.execute();
        }
        List<VerifiedEvent> batch = List.of(held.author.post("held " + i));
        blocked.add(clients.submit(() -> Node.post(batch).statusCode()));
      }
      awaitTrue(() -> waitingAdvisoryLocks(reader) == SocialNodeResource.WRITE_TRANSACTIONS, "both write transactions wait for the lock");

      List<Identity> authors = new ArrayList<>();
      List<Future<Integer>> waiting = new ArrayList<>();
      for (int i = 0; i < WAITING_BATCHES; i++) {
        Identity author = Identity.create();
        authors.add(author);
        List<VerifiedEvent> batch = new ArrayList<>();
        for (int e = 0; e < 20; e++) batch.add(author.author.post("waiting " + i + "." + e));
        waiting.add(clients.submit(() -> Node.post(batch).statusCode()));
      }
      awaitTrue(() -> metrics.get("social.ingest.write.waiting").gauge().value() == WAITING_BATCHES, "every batch waits for a transaction");

      blocker.commit();
      for (var status : blocked) assertThat(status.get()).isEqualTo(200);
      for (var status : waiting) assertThat(status.get()).isEqualTo(200);

      try (PreparedStatement rows = reader.prepareStatement(
          "select count(*), count(distinct (system, process, logical_clock)), count(distinct xmin::text) from events where encode(system, 'hex') = any(?)")) {
        rows.setArray(1, reader.createArrayOf("text", authors.stream().map(a -> HexFormat.of().formatHex(a.system().key().toByteArray())).toArray()));
        var result = rows.executeQuery();
        assertThat(result.next()).isTrue();
        assertThat(result.getLong(1)).as("events stored").isEqualTo(WAITING_BATCHES * 20L);
        assertThat(result.getLong(2)).as("each once").isEqualTo(WAITING_BATCHES * 20L);
        assertThat(result.getLong(3)).as("transactions that wrote them").isEqualTo(1);
      }
      for (Identity author : authors) {
        var ranges = Node.ranges(author.system()).getRangesForProcesses(0).getRangesList();
        assertThat(ranges).singleElement().satisfies(r -> assertThat(List.of(r.getLow(), r.getHigh())).containsExactly(1L, 20L));
      }
    } finally {
      clients.shutdownNow();
    }
  }

  private static long waitingAdvisoryLocks(Connection reader) {
    try (var rows = reader.createStatement().executeQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted")) {
      rows.next();
      return rows.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
      Thread.sleep(20);
    }
  }
}
