package io.wya.social.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.wya.polycentric.VerifiedEvent;
import io.wya.social.database.Bytes;
import io.wya.social.ingest.IngestStatement.Duplicates;
import io.wya.social.search.SearchVocabulary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/// Writes the events of one batch, or of several ([io.wya.social.ingest.GroupCommit], ADR 0109),
/// in one transaction and **one round trip**: `BEGIN`, the advisory locks of the batch's systems,
/// a single statement that writes every table, and `COMMIT` are pipelined on one connection, so
/// the server runs them back to back while the node waits once.
///
/// The statement ([IngestStatement]) inserts the events (first writer wins, deleted coordinates
/// and `refuse_storage` systems refused) and, in data-modifying CTEs joined to the rows that were
/// actually inserted, their references, latest LWW elements, claims, search documents, deletions
/// (and the removal of their targets) and new vocabulary words; it returns the batch positions
/// that were new. If it fails, the pipelined `COMMIT` finds the transaction aborted and rolls it back:
/// nothing of the batch is stored.
///
/// The first attempt inserts without `on conflict` (ADR 0119): new events, by far the common case,
/// then cost no conflict probe of `events_key`. When one of them is stored already the statement
/// fails on that constraint, and the same events are written again in a new transaction that
/// skips stored events (first writer wins, as before).
///
/// Locks: a batch with a DELETE takes its systems' locks exclusively, any other batch shares
/// them. An insert and a concurrent delete of the same coordinates therefore never overlap
/// (each statement's snapshot is taken after its locks were granted, so the later one sees the
/// earlier one's rows), while batches without deletes never wait for each other: concurrent
/// inserts of one key are resolved by the unique constraint.
@ApplicationScoped
class PostgresIngestStore {
  private static final String LOCK_SHARED = lock("pg_advisory_xact_lock_shared");
  private static final String LOCK_EXCLUSIVE = lock("pg_advisory_xact_lock");

  private final Pool pool;
  private final SearchVocabulary vocabulary;
  private final Counter rewrittenSkippingStored;

  @Inject
  public PostgresIngestStore(Pool pool, SearchVocabulary vocabulary, MeterRegistry metrics) {
    this.pool = pool;
    this.vocabulary = vocabulary;
    this.rewrittenSkippingStored = Counter.builder("social.ingest.write.rewritten")
        .description("write transactions run again skipping stored events, after the optimistic insert met one (ADR 0119)")
        .register(metrics);
  }

  private static String lock(String function) {
    // Sorted, so two batches sharing systems always lock them in the same order (no deadlock). The
    // key is the one earlier releases took, so nodes of both versions exclude each other while a
    // rolling upgrade runs.
    return "select " + function + "(k) from (select distinct hashtextextended(encode(s, 'hex'), 7) as k from unnest($1::bytea[]) as s"
        + " order by 1) locks";
  }

  /// Stores the events atomically in one transaction ([io.wya.social.ingest.GroupCommit] gives it
  /// one batch's plan or several); the result lists the positions (0-based) of those that were
  /// new. `exclusive` when an event is a DELETE.
  public Uni<List<Integer>> write(List<AcceptedEvent> events, boolean exclusive) {
    if (events.isEmpty()) return Uni.createFrom().item(List.of());
    Tuple locks = Tuple.of(events.stream().map(e -> e.event().system().key()).distinct().map(Bytes::buffer).toArray(Buffer[]::new));
    List<String> words = vocabulary.wordsToAdd(events);
    String lockSql = exclusive ? LOCK_EXCLUSIVE : LOCK_SHARED;
    return pool.withConnection(conn -> pipelined(conn, lockSql, locks, IngestStatement.of(events, words, Duplicates.FAIL)))
        .onFailure(PostgresIngestStore::storedAlready).recoverWithUni(() -> {
          rewrittenSkippingStored.increment();
          return pool.withConnection(conn -> pipelined(conn, lockSql, locks, IngestStatement.of(events, words, Duplicates.SKIP)));
        })
        .map(rows -> {
          vocabulary.committed(words);
          List<Integer> stored = new ArrayList<>(rows.size());
          for (Row row : rows) stored.add((int) row.getLong(0).longValue() - 1);
          return stored;
        });
  }

  /// The four commands are subscribed to (hence written) in order before any answer arrives; the
  /// connection is released only after `COMMIT` answered, whatever failed before it.
  private static Uni<RowSet<Row>> pipelined(SqlConnection conn, String lockSql, Tuple locks, IngestStatement.Statement write) {
    Uni<RowSet<Row>> begin = conn.query("begin").execute();
    Uni<RowSet<Row>> lock = conn.preparedQuery(lockSql).execute(locks);
    Uni<RowSet<Row>> statement = conn.preparedQuery(write.sql()).execute(write.arguments());
    Uni<RowSet<Row>> commit = conn.query("commit").execute();
    return Uni.join().all(begin, lock, statement, commit).andCollectFailures().map(results -> results.get(2))
        .onFailure(CompositeException.class).transform(e -> ((CompositeException) e).getCauses().getFirst());
  }

  /// The optimistic statement met an event that is stored already (or being stored by a concurrent
  /// transaction that committed first); its transaction was rolled back whole.
  static boolean storedAlready(Throwable failure) {
    return failure instanceof PgException e && "23505".equals(e.getSqlState()) && IngestStatement.EVENTS_KEY.equals(e.getConstraint());
  }

  static Long unixMs(VerifiedEvent e) { return e.unixMilliseconds().isPresent() ? e.unixMilliseconds().getAsLong() : null; }
}
