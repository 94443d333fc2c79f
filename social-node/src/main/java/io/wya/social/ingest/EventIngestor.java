package io.wya.social.ingest;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.wya.polycentric.Base64Url;
import io.wya.polycentric.SystemKey;
import io.wya.social.cache.CacheScopes;
import io.wya.social.cache.ResponseCache;
import io.wya.social.config.SocialConfig;
import io.wya.social.outbox.OutboxRelay;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// `POST /events`, step by step: parse and verify on the [VerifierPool], rate limits, the write
/// (atomic, in a transaction shared with concurrent batches when the node is busy: [GroupCommit]),
/// then, once per transaction and before any of its batches is answered, cache invalidation for
/// every system and subject its new events touch (one Redis round trip for the whole group, not
/// one per batch) and a wake-up for the Kafka relay.
@ApplicationScoped
public class EventIngestor {
  private final BatchParser parser;
  private final VerifierPool verifiers;
  private final RateLimiter limiter;
  private final GroupCommit writes;
  private final ResponseCache cache;
  private final OutboxRelay relay;
  private final MeterRegistry metrics;
  private final Counter storedEvents;

  @Inject
  public EventIngestor(SocialConfig config, RateLimiter limiter, PostgresIngestStore store, ResponseCache cache, OutboxRelay relay,
                       MeterRegistry metrics, Vertx vertx) {
    this.parser = new BatchParser(new ContentRules(config.ingest().maxPostBytes()), config.ingest().maxEventsPerBatch());
    int threads = config.ingest().verifyThreads() > 0 ? config.ingest().verifyThreads() : Runtime.getRuntime().availableProcessors();
    this.verifiers = new VerifierPool(threads, config.ingest().verifyQueue());
    this.limiter = limiter;
    int transactions = config.ingest().writeTransactions() > 0 ? config.ingest().writeTransactions()
        : Math.max(2, Runtime.getRuntime().availableProcessors());
    DistributionSummary groups = DistributionSummary.builder("social.ingest.batches.per.transaction")
        .description("batches written by one write transaction (group commit)").register(metrics);
    GroupCommit.Gather gather = new GroupCommit.Gather(config.ingest().writeGather().toNanos(), System::nanoTime,
        (delayNanos, task) -> vertx.setTimer(Math.max(1, (delayNanos + 999_999) / 1_000_000), id -> task.run()));
    // A committed transaction is reported committed whatever happens to the invalidation after it
    // (a failed one was logged; entries then end by their TTL).
    GroupCommit.Writer writeThenInvalidate = (events, exclusive) -> store.write(events, exclusive)
        .call(positions -> Uni.createFrom().deferred(() -> afterCommit(events, positions)).onFailure().recoverWithNull());
    this.writes = new GroupCommit(writeThenInvalidate, transactions, config.ingest().maxEventsPerTransaction(), config.ingest().writeQueue(),
        gather, groups::record);
    metrics.gauge("social.ingest.write.waiting", writes, GroupCommit::waiting);
    this.cache = cache;
    this.relay = relay;
    this.metrics = metrics;
    this.storedEvents = metrics.counter("social.ingest.events", "result", "stored");
  }

  /// Stores what is new in the batch; fails with [IngestException] (400, nothing stored) or
  /// [RateLimiter.RateLimitedException] (429).
  public Uni<Result> ingest(byte[] body, String clientAddress) {
    return verifiers.run(() -> parser.parse(body))
        .onFailure(IngestException.class).invoke(e -> metrics.counter("social.ingest.rejected", "code", ((IngestException) e).code()).increment())
        .chain(batch -> limiter.admit(clientAddress, countBySystem(batch)).replaceWith(batch))
        .chain(batch -> writes.append(IngestPlan.of(batch)).map(stored -> {
          storedEvents.increment(stored.size());
          return new Result(batch.size(), stored);
        }));
  }

  @PreDestroy
  void close() { verifiers.close(); }

  /// After a transaction committed `events`, of which those at `newPositions` were new.
  private Uni<Void> afterCommit(List<AcceptedEvent> events, List<Integer> newPositions) {
    if (newPositions.isEmpty()) return Uni.createFrom().voidItem();
    relay.wake();
    // A batch is usually one system's: name each system and subject once, not once per event.
    Set<SystemKey> systems = new LinkedHashSet<>();
    Set<ByteString> subjects = new LinkedHashSet<>();
    for (int position : newPositions) {
      AcceptedEvent e = events.get(position);
      systems.add(e.event().system());
      subjects.addAll(e.subjects());
    }
    Set<String> scopes = new LinkedHashSet<>();
    systems.forEach(system -> scopes.add(CacheScopes.system(system)));
    subjects.forEach(subject -> scopes.add(CacheScopes.subject(subject)));
    return cache.invalidate(scopes);
  }

  private static Map<String, Integer> countBySystem(List<AcceptedEvent> batch) {
    Map<SystemKey, Integer> bySystem = new LinkedHashMap<>();
    for (AcceptedEvent e : batch) bySystem.merge(e.event().system(), 1, Integer::sum);
    Map<String, Integer> counts = new LinkedHashMap<>();
    bySystem.forEach((system, n) -> counts.put(Base64Url.encode(system.key().toByteArray()), n));
    return counts;
  }

  /// How many events the batch had and which of them were new.
  public record Result(int received, List<AcceptedEvent> stored) {}
}
