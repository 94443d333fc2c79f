package io.wya.social.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
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
import java.util.function.Consumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/// Publishes every accepted event to the Kafka topic of accepted events (ADR 0101), reading them
/// from `events` itself (ADR 0110): the table is the outbox. Rows are read in the order of the
/// transactions that wrote them (`tx`, then `id`), and only once every older transaction has
/// ended (`tx` below the snapshot's `xmin`), so a batch that commits after a later one is never
/// skipped. A cursor row (`event_relay_cursor`) moves past what Kafka acknowledged, in the same
/// transaction that read it; while Kafka is down nothing moves, and the events wait where they
/// are stored (at-least-once; consumers dedupe on system, process, clock). An event removed
/// before its turn (a DELETE's target, a purge, a censored event) is not published.
///
/// A pass sends one record per system ([EventRecords], ADR 0120): the `Events` of that system's
/// events in the pass, so Kafka's per-record cost is paid per system and pass, not per event.
///
/// One relay runs at a time across all nodes (a transaction-scoped advisory lock). While Kafka is
/// unreachable a pass sends a single probe event instead of the whole batch, so it fails fast.
/// Nothing is sent before [EventTopic] has provisioned the topic. Events above
/// `social.kafka.max-record-bytes` are stored but not published.
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final long RELAY_LOCK = 0x77796152656c6179L;
  /// Names the record value's protobuf message: `Events` (ADR 0120). Records without it, written
  /// before, hold one `SignedEvent` and a `polycentric-content-type` header.
  public static final String VALUE_TYPE_HEADER = "polycentric-value-type";
  private static final byte[] EVENTS_VALUE = "Events".getBytes(StandardCharsets.US_ASCII);
  /// The distinct content types of the record's events, ascending, comma-separated decimal.
  public static final String CONTENT_TYPES_HEADER = "polycentric-content-types";
  /// The next events after the cursor whose transactions are older than every running one.
  private static final String READ = """
      select e.tx::text as tx, e.id, e.system, e.signed_event, e.content_type, octet_length(e.signed_event) <= $2 as publishable
        from events e
       where (e.tx, e.id) > ((select tx from event_relay_cursor), (select id from event_relay_cursor))
         and e.tx < pg_snapshot_xmin(pg_current_snapshot())
       order by e.tx, e.id limit $1""";
  private static final String ADVANCE = "update event_relay_cursor set tx = $1::text::xid8, id = $2";

  private final Pool pool;
  private final EventTopic topic;
  private final Vertx vertx;
  private final MutinyEmitter<byte[]> emitter;
  private final SocialConfig.Kafka config;
  private final EventRecords records;
  private final RelaySchedule schedule;
  private final Counter published;
  private final DistributionSummary eventsPerPass;
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
    this.records = new EventRecords(this.config.maxRecordBytes());
    this.published = Counter.builder("social.outbox.published").description("events published to Kafka").register(registry);
    this.eventsPerPass = DistributionSummary.builder("social.outbox.events.per.pass")
        .description("events published by one relay pass (a transaction and one Kafka request per partition)").register(registry);
    this.schedule = new RelaySchedule(this.config.relayDelay().toMillis(), (delay, task) -> vertx.setTimer(delay, id -> task.run()),
        topic::ready, this::startPass);
  }

  void start(@Observes StartupEvent event) {
    timer = vertx.setPeriodic(config.relayInterval().toMillis(), id -> schedule.run());
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) vertx.cancelTimer(timer);
  }

  /// False after a pass whose send failed, until one succeeds.
  public boolean kafkaReachable() { return kafkaReachable; }

  /// New events were committed: a pass follows shortly ([RelaySchedule]).
  public void wake() { schedule.wake(); }

  private void startPass(Consumer<Boolean> ended) {
    pass().subscribe().with(ended::accept, failure -> {
      LOG.debugf("outbox pass failed: %s", failure.getMessage());
      ended.accept(false);
    });
  }

  /// One pass; true when a full batch went out (there may be more).
  Uni<Boolean> pass() {
    return pool.withTransaction(conn -> conn.query("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ") as mine").execute()
        .chain(rows -> rows.iterator().next().getBoolean("mine") ? relay(conn) : Uni.createFrom().item(false)));
  }

  private Uni<Boolean> relay(SqlConnection conn) {
    int batch = kafkaReachable ? config.relayBatch() : 1;
    return conn.preparedQuery(READ).execute(Tuple.of(batch, config.maxRecordBytes())).chain(rows -> {
      List<Row> pending = new ArrayList<>();
      rows.forEach(pending::add);
      if (pending.isEmpty()) return Uni.createFrom().item(false);
      boolean[] acknowledged = new boolean[pending.size()];
      List<EventRecords.Pending> publishable = new ArrayList<>(pending.size());
      for (int i = 0; i < pending.size(); i++) {
        Row row = pending.get(i);
        if (row.getBoolean("publishable")) {
          publishable.add(new EventRecords.Pending(i, row.getBuffer("system").getBytes(), row.getBuffer("signed_event").getBytes(),
              row.getLong("content_type")));
        } else {
          acknowledged[i] = true;
        }
      }
      List<Uni<Void>> sends = new ArrayList<>();
      for (EventRecords.Packed record : records.pack(publishable)) {
        sends.add(send(record).invoke(() -> {
          synchronized (acknowledged) {
            for (int position : record.positions()) acknowledged[position] = true;
          }
        }));
      }
      if (sends.isEmpty()) sends.add(Uni.createFrom().voidItem());
      return Uni.join().all(sends).andCollectFailures().onItemOrFailure().transformToUni((ok, failure) -> {
        kafkaReachable = failure == null;
        int prefix = 0;
        synchronized (acknowledged) {
          while (prefix < acknowledged.length && acknowledged[prefix]) prefix++;
        }
        if (failure != null) LOG.infof("Kafka unreachable; %d events of this pass wait for it (%s)", pending.size() - prefix, failure.getMessage());
        if (prefix == 0) return Uni.createFrom().item(false);
        published.increment(prefix);
        eventsPerPass.record(prefix);
        Row last = pending.get(prefix - 1);
        boolean full = failure == null && pending.size() == batch;
        return conn.preparedQuery(ADVANCE).execute(Tuple.of(last.getString("tx"), last.getLong("id"))).map(r -> full);
      });
    });
  }

  private Uni<Void> send(EventRecords.Packed record) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(VALUE_TYPE_HEADER, EVENTS_VALUE);
    headers.add(CONTENT_TYPES_HEADER, record.contentTypes().getBytes(StandardCharsets.US_ASCII));
    OutgoingKafkaRecordMetadata<byte[]> metadata = OutgoingKafkaRecordMetadata.<byte[]>builder()
        .withKey(record.key()).withHeaders(headers).build();
    return emitter.sendMessage(Message.of(record.value()).addMetadata(metadata));
  }
}
