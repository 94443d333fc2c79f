package io.wya.social.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.wya.social.config.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/// Publishes the transactional outbox to the Kafka topic of accepted events (ADR 0101): rows are
/// written in the ingest transaction and deleted only once Kafka acknowledged them, so nothing
/// is lost while Kafka is down (at-least-once; consumers dedupe on system, process, clock).
///
/// One relay runs at a time across all nodes (a transaction-scoped advisory lock) and sends in
/// outbox order, so records of one system keep their order. While Kafka is unreachable a pass
/// sends a single probe record instead of the whole batch, so it fails fast. Nothing is sent
/// before [EventTopic] has provisioned the topic.
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final long RELAY_LOCK = 0x77796152656c6179L;
  public static final String CONTENT_TYPE_HEADER = "polycentric-content-type";

  private final Pool pool;
  private final EventTopic topic;
  private final Vertx vertx;
  private final MutinyEmitter<byte[]> emitter;
  private final SocialConfig.Kafka config;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Counter published;
  private volatile boolean kafkaReachable = true;
  private volatile long timer = -1;

  @Inject
  public OutboxRelay(Pool pool, EventTopic topic, Vertx vertx, @Channel("polycentric-events") MutinyEmitter<byte[]> emitter, SocialConfig config,
                     MeterRegistry registry) {
    this.pool = pool;
    this.topic = topic;
    this.vertx = vertx;
    this.emitter = emitter;
    this.config = config.kafka();
    this.published = Counter.builder("social.outbox.published").description("events published to Kafka").register(registry);
  }

  void start(@Observes StartupEvent event) {
    timer = vertx.setPeriodic(config.relayInterval().toMillis(), id -> runPass());
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) vertx.cancelTimer(timer);
  }

  /// False after a pass whose send failed, until one succeeds.
  public boolean kafkaReachable() { return kafkaReachable; }

  /// Schedules a pass shortly (`social.kafka.relay-delay`), so that the rows of concurrent
  /// ingests go out together; a wake during a pass runs another right after it.
  public void wake() {
    if (running.get()) {
      again.set(true);
      return;
    }
    if (scheduled.compareAndSet(false, true)) vertx.setTimer(Math.max(1, config.relayDelay().toMillis()), id -> runPass());
  }

  private void runPass() {
    scheduled.set(false);
    if (!topic.ready()) return; // the periodic pass picks the rows up once the topic is provisioned
    if (!running.compareAndSet(false, true)) {
      again.set(true);
      return;
    }
    again.set(false);
    pass().subscribe().with(more -> done(more), failure -> {
      LOG.debugf("outbox pass failed: %s", failure.getMessage());
      done(false);
    });
  }

  private void done(boolean more) {
    running.set(false);
    if (more || again.getAndSet(false)) runPass();
  }

  /// One pass; true when a full batch went out (there may be more).
  Uni<Boolean> pass() {
    return pool.withTransaction(conn -> conn.query("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ") as mine").execute()
        .chain(rows -> rows.iterator().next().getBoolean("mine") ? relay(conn) : Uni.createFrom().item(false)));
  }

  private Uni<Boolean> relay(SqlConnection conn) {
    int batch = kafkaReachable ? config.relayBatch() : 1;
    return conn.preparedQuery("select id, record_key, record_value, content_type from outbox order by id limit $1")
        .execute(Tuple.of(batch)).chain(rows -> {
          List<Row> pending = new ArrayList<>();
          rows.forEach(pending::add);
          if (pending.isEmpty()) {
            return Uni.createFrom().item(false);
          }
          List<Long> sent = new ArrayList<>();
          List<Uni<Void>> sends = new ArrayList<>();
          for (Row row : pending) {
            long id = row.getLong("id");
            sends.add(send(row).invoke(() -> {
              synchronized (sent) {
                sent.add(id);
              }
            }));
          }
          return Uni.join().all(sends).andCollectFailures().onItemOrFailure().transformToUni((ok, failure) -> {
            kafkaReachable = failure == null;
            if (failure != null) LOG.infof("Kafka unreachable; %d outbox rows wait for it (%s)", pending.size() - sent.size(), failure.getMessage());
            if (sent.isEmpty()) return Uni.createFrom().item(false);
            published.increment(sent.size());
            return conn.preparedQuery("delete from outbox where id = any($1)").execute(Tuple.of(sent.toArray(Long[]::new)))
                .map(r -> failure == null && pending.size() == batch || failure == null && batch == 1);
          });
        });
  }

  private Uni<Void> send(Row row) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(CONTENT_TYPE_HEADER, Long.toUnsignedString(row.getLong("content_type")).getBytes(StandardCharsets.US_ASCII));
    OutgoingKafkaRecordMetadata<byte[]> metadata = OutgoingKafkaRecordMetadata.<byte[]>builder()
        .withKey(row.getBuffer("record_key").getBytes()).withHeaders(headers).build();
    return emitter.sendMessage(Message.of(row.getBuffer("record_value").getBytes()).addMetadata(metadata));
  }
}
