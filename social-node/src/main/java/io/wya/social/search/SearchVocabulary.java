package io.wya.social.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.wya.social.config.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/// Adds the words of new posts to `search_words`, the vocabulary that message search widens each
/// query word with (ADR 0108). The ingest statement writes one `search_vocabulary_backlog` row per
/// new post; each pass takes a batch of them in one transaction, inserts the distinct words of
/// those posts' documents (sorted, so index pages are touched in order) and deletes the rows.
///
/// Only words of letters go into the vocabulary: lexemes with a digit or one of `. / @ : _ -`
/// (numbers, versions, URLs, hosts, paths, e-mail addresses, hyphenated compounds, whose parts
/// are words of their own) stay exact-only, so a search for `2024` does not find `2025`, and
/// identifiers that are unique per post do not grow the vocabulary.
///
/// Rows of ingests that have not committed yet are invisible to the pass and left for a later one;
/// ids commit out of order, which is why this is a backlog table and not a cursor by id. One pass
/// runs at a time across all nodes (a transaction-scoped advisory lock).
@ApplicationScoped
public class SearchVocabulary {
  private static final Logger LOG = Logger.getLogger(SearchVocabulary.class);
  static final long VOCABULARY_LOCK = 0x7779615f766f6361L;
  /// `ts_stat` gathers the distinct lexemes of the taken documents in C, 1.5–2× faster than
  /// `unnest(tsvector_to_array(...))` and a de-duplication (ADR 0108); it only takes a query text, which
  /// carries the taken ids as one quoted `int8[]` literal (`%L` of numbers the database produced).
  private static final String PASS = """
      with taken as (
        delete from search_vocabulary_backlog
         where ctid = any(array(select ctid from search_vocabulary_backlog limit $1))
        returning event_id),
      batch as materialized (
        select count(*) as taken, array_agg(event_id) as ids from taken),
      added as (
        insert into search_words (word)
        select s.word from batch cross join ts_stat(format(
            'select document from search_documents where kind = ''message'' and event_id = any(%L::int8[])', batch.ids)) as s
         where batch.taken > 0 and length(s.word) <= $2 and s.word !~ '[[:digit:]./@:_-]'
         order by s.word
        on conflict do nothing
        returning 1)
      select (select taken from batch) as taken, (select count(*) from added) as added""";

  private final Pool pool;
  private final Vertx vertx;
  private final SocialConfig.Search config;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Counter added;
  private volatile long timer = -1;

  @Inject
  public SearchVocabulary(Pool pool, Vertx vertx, SocialConfig config, MeterRegistry registry) {
    this.pool = pool;
    this.vertx = vertx;
    this.config = config.search();
    this.added = Counter.builder("social.search.vocabulary.added").description("words added to the fuzzy-search vocabulary").register(registry);
  }

  void start(@Observes StartupEvent event) {
    timer = vertx.setPeriodic(config.vocabularyInterval().toMillis(), id -> runPasses());
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) vertx.cancelTimer(timer);
  }

  /// The timer's run: passes while they take full batches; skipped while one is still running here
  /// or another node holds the lock.
  private void runPasses() {
    if (!running.compareAndSet(false, true)) return;
    drain(false).subscribe().with(taken -> running.set(false), failure -> {
      LOG.warnf("search vocabulary pass failed; the backlog waits for the next one: %s", failure.getMessage());
      running.set(false);
    });
  }

  /// Takes every backlog row visible now, waiting for the lock if another pass holds it; the
  /// number of rows taken. For callers that need the vocabulary current (the tests).
  public Uni<Long> catchUp() { return drain(true); }

  /// Passes until one takes less than a full batch; the rows taken. Without `waitForLock` it takes
  /// nothing while another pass (here or on another node) holds the lock.
  Uni<Long> drain(boolean waitForLock) {
    return pass(waitForLock).chain(taken -> taken.full()
        ? drain(waitForLock).map(more -> taken.rows() + more)
        : Uni.createFrom().item(taken.rows()));
  }

  /// One transaction: up to `vocabulary-batch` backlog rows; none when another pass holds the lock
  /// and `waitForLock` is false.
  private Uni<Taken> pass(boolean waitForLock) {
    String lock = waitForLock
        ? "select true as mine from pg_advisory_xact_lock(" + VOCABULARY_LOCK + ")"
        : "select pg_try_advisory_xact_lock(" + VOCABULARY_LOCK + ") as mine";
    return pool.withTransaction(conn -> conn.query(lock).execute()
        .chain(rows -> rows.iterator().next().getBoolean("mine") ? take(conn) : Uni.createFrom().item(new Taken(0, false))));
  }

  private Uni<Taken> take(SqlConnection conn) {
    int batch = config.vocabularyBatch();
    return conn.preparedQuery(PASS).execute(Tuple.of(batch, config.maxFuzzyWordLength())).map(rows -> {
      Row row = rows.iterator().next();
      long taken = row.getLong("taken");
      added.increment(row.getLong("added"));
      return new Taken(taken, taken >= batch);
    });
  }

  private record Taken(long rows, boolean full) {}
}
