package io.wya.gateway.contacts;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.common.ConfigResource;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Feeds the [ContactsProjection] from the social node's event topic: the only path by which the
/// gateway learns the graph (the two services never call each other).
///
/// One consumer group per projection splits the partitions between the instances. Offsets are
/// not committed to Kafka: the projection stores them with the edges, atomically, and a newly
/// assigned partition is sought to the projection's offset (ADR 0401). Kafka's delivery is at
/// least once and the offset guard plus the LWW merge make a repeat harmless, so the dedupe on
/// `(system, process, logical_clock)` is implied. When the projection reports its generation lost,
/// the consumer adopts the new one and replays its partitions from their beginning.
///
/// Polling is explicit (`poll`, then apply, then poll again): the Kafka client's blocking calls
/// run on Vert.x's worker and the event loop never waits.
public final class SocialGraphConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(SocialGraphConsumer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final long FIRST_RETRY_MS = 100;
  private static final long MAX_RETRY_MS = 5_000;
  /// How often an instance checks that its generation is still the projection's: an instance
  /// whose partitions receive nothing would otherwise never notice a loss and never replay them.
  private static final long GENERATION_CHECK_MS = 2_000;

  private final Vertx vertx;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ContactsProjection projection;
  private final String topic;
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong invalid = new AtomicLong();
  private final AtomicLong rebuilds = new AtomicLong();
  private volatile String generation;
  /// Per partition, the last offset this consumer applied in the current generation: records
  /// delivered again (a seek that lands after a fetch) are neither verified nor counted twice.
  private final Map<Integer, Long> appliedUpTo = new java.util.concurrent.ConcurrentHashMap<>();
  private final Promise<Void> started = Promise.promise();
  private volatile boolean stopped;
  private volatile List<String> topicProblems;
  private final String bootstrap;
  /// Set when a check saw another generation; the poll loop rebuilds before it applies anything,
  /// so that no record is ever applied between a rebuild's decision and its seeks.
  private volatile boolean staleGeneration;
  private long checkTimer = -1;

  private SocialGraphConsumer(Vertx vertx, KafkaConsumer<byte[], byte[]> consumer, ContactsProjection projection, String topic,
                              String bootstrap) {
    this.vertx = vertx;
    this.bootstrap = bootstrap;
    this.consumer = consumer;
    this.projection = projection;
    this.topic = topic;
  }

  /// Kafka settings for `bootstrap`: one group per projection, no auto-commit, earliest reset.
  public static Map<String, String> kafkaConfig(String bootstrap, String groupId, int maxPollRecords) {
    Map<String, String> c = new HashMap<>();
    c.put("bootstrap.servers", bootstrap);
    c.put("group.id", groupId);
    c.put("client.id", groupId + "-" + ProcessHandle.current().pid());
    c.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    c.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    c.put("enable.auto.commit", "false");
    c.put("auto.offset.reset", "earliest");
    c.put("max.poll.records", Integer.toString(maxPollRecords));
    return c;
  }

  /// Creates the consumer and starts it in the background: it opens the projection (retrying
  /// while Redis is down), subscribes to `topic` and polls. Never fails: an instance serves its
  /// sessions while Kafka or Redis is unavailable, and presence catches up when they return.
  public static SocialGraphConsumer start(Vertx vertx, Map<String, String> kafkaConfig, String topic, ContactsProjection projection) {
    KafkaConsumer<byte[], byte[]> consumer = KafkaConsumer.create(vertx, kafkaConfig, byte[].class, byte[].class);
    SocialGraphConsumer c = new SocialGraphConsumer(vertx, consumer, projection, topic, kafkaConfig.get("bootstrap.servers"));
    c.boot(FIRST_RETRY_MS);
    return c;
  }

  /// Completes when the consumer has opened the projection and subscribed (tests).
  public Future<Void> started() { return started.future(); }

  private void boot(long retryMs) {
    if (stopped) return;
    projection.open().compose(g -> {
      generation = g.id();
      if (g.created()) LOG.info("contacts projection: new generation {}, replaying {} from the beginning", g.id(), topic);
      consumer.partitionsAssignedHandler(this::assigned);
      consumer.exceptionHandler(e -> LOG.warn("social event consumer: {}", e.toString()));
      return consumer.subscribe(topic);
    }).onSuccess(v -> {
      checkTimer = vertx.setPeriodic(GENERATION_CHECK_MS, t -> checkGeneration());
      checkRetention();
      started.tryComplete();
      pollLoop();
    }).onFailure(e -> {
      LOG.warn("contacts projection cannot start ({}); retrying in {} ms", e.toString(), retryMs);
      vertx.setTimer(retryMs, t -> boot(Math.min(MAX_RETRY_MS, retryMs * 2)));
    });
  }

  /// Graph operations applied to the projection (repeats below the stored offset not counted).
  public long appliedOperations() { return applied.get(); }

  /// Records skipped because they were not valid signed events.
  public long invalidRecords() { return invalid.get(); }

  /// Times the projection was found lost and replayed.
  public long rebuilds() { return rebuilds.get(); }

  public String generation() { return generation; }

  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(checkTimer);
    return consumer.close();
  }

  /// Problems of the topic's configuration for a rebuild from offset 0; empty until the topic's
  /// configuration was read.
  public java.util.Optional<List<String>> topicProblems() { return java.util.Optional.ofNullable(topicProblems); }

  private void checkRetention() {
    Map<String, String> adminConfig = Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", "5000",
        "default.api.timeout.ms", "10000");
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, adminConfig);
    ConfigResource resource = new ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
    admin.describeConfigs(List.of(resource)).onSuccess(configs -> {
      Map<String, String> values = new HashMap<>();
      for (var entry : configs.values()) entry.getEntries().forEach(e -> values.put(e.getName(), e.getValue()));
      topicProblems = List.copyOf(TopicRetention.problems(values));
      if (!topicProblems.isEmpty()) {
        LOG.warn("topic {} cannot rebuild the contacts projection from offset 0: {} (ADR 0401)", topic, String.join("; ", topicProblems));
      }
    }).onFailure(e -> LOG.info("could not read the configuration of topic {}: {}", topic, e.toString()))
        .onComplete(ar -> admin.close());
  }

  private void checkGeneration() {
    if (stopped) return;
    projection.open().onSuccess(g -> {
      if (!g.id().equals(generation)) staleGeneration = true;
    });
  }

  private void assigned(Set<TopicPartition> partitions) {
    projection.open().onSuccess(g -> {
      if (g.id().equals(generation)) seekTo(g, partitions);
      else staleGeneration = true;
    }).onFailure(e -> LOG.warn("contacts projection: cannot read offsets: {}", e.toString()));
  }

  /// Seeks `partitions` to where generation `g` stands. Only a rebuild moves a position back past
  /// unapplied records, and it waits for the seeks before polling again; on assignment the
  /// position (earliest, as nothing is committed) is never ahead of the projection, and records
  /// that arrive before the seek takes effect are skipped by the offset guard.
  private Future<Void> seekTo(ContactsProjection.Generation g, Set<TopicPartition> partitions) {
    List<Future<Void>> seeks = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      Long next = g.nextOffsets().get(tp.getPartition());
      seeks.add(next == null ? consumer.seekToBeginning(tp) : consumer.seek(tp, next));
    }
    return Future.all(seeks).mapEmpty();
  }

  private void pollLoop() {
    if (stopped) return;
    consumer.poll(POLL_TIMEOUT).compose(this::process).onComplete(ar -> {
      if (ar.failed() && !stopped) {
        LOG.warn("social event consumer: {}; retrying", ar.cause().toString());
        vertx.setTimer(FIRST_RETRY_MS, t -> pollLoop());
      } else {
        pollLoop();
      }
    });
  }

  private Future<Void> process(KafkaConsumerRecords<byte[], byte[]> batch) {
    if (staleGeneration) return rebuild();
    if (batch.isEmpty()) return Future.succeededFuture();
    Future<Boolean> chain = Future.succeededFuture(true);
    for (org.apache.kafka.common.TopicPartition tp : batch.records().partitions()) {
      List<ConsumerRecord<byte[], byte[]>> records = batch.records().records(tp);
      chain = chain.compose(keepGoing -> keepGoing ? applyPartition(tp.partition(), records) : Future.succeededFuture(false));
    }
    return chain.mapEmpty();
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.US_ASCII);
  }

  /// Applies one partition's records; false when the generation was lost (the rest of the batch
  /// is dropped: every assigned partition is replayed).
  private Future<Boolean> applyPartition(int partition, List<ConsumerRecord<byte[], byte[]>> records) {
    List<ContactsProjection.OffsetOp> ops = new ArrayList<>();
    long seen = appliedUpTo.getOrDefault(partition, -1L);
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (r.offset() <= seen) continue;
      List<GraphRecordParser.Parsed> events = GraphRecordParser.parseRecord(r.value(), header(r, GraphRecordParser.VALUE_TYPE_HEADER),
          header(r, GraphRecordParser.CONTENT_TYPES_HEADER), header(r, GraphRecordParser.CONTENT_TYPE_HEADER));
      for (GraphRecordParser.Parsed event : events) {
        switch (event) {
          case GraphRecordParser.Ops o -> {
            o.ops().forEach(op -> ops.add(new ContactsProjection.OffsetOp(r.offset(), op)));
          }
          case GraphRecordParser.Ignored i -> { }
          case GraphRecordParser.Invalid bad -> {
            invalid.incrementAndGet();
            LOG.warn("social event at {}-{}@{} skipped: {} {}", topic, partition, r.offset(), bad.code(), bad.message());
          }
        }
      }
    }
    long last = records.getLast().offset();
    return applyWithRetry(partition, last, ops, FIRST_RETRY_MS).compose(outcome -> switch (outcome) {
      case ContactsProjection.Applied a -> {
        applied.addAndGet(a.operations());
        appliedUpTo.merge(partition, last, Math::max);
        yield Future.succeededFuture(true);
      }
      case ContactsProjection.AlreadyApplied a -> {
        appliedUpTo.merge(partition, last, Math::max);
        yield Future.succeededFuture(true);
      }
      case ContactsProjection.GenerationLost lost -> rebuild().map(false);
    });
  }

  /// The projection is unreachable: wait and retry the same records (nothing is polled meanwhile).
  private Future<ContactsProjection.ApplyOutcome> applyWithRetry(int partition, long last, List<ContactsProjection.OffsetOp> ops,
                                                                 long retryMs) {
    String gen = generation;
    return projection.apply(gen, partition, last, ops).recover(e -> {
      if (stopped) return Future.failedFuture(e);
      LOG.warn("contacts projection unavailable ({}); retrying in {} ms", e.toString(), retryMs);
      Promise<ContactsProjection.ApplyOutcome> later = Promise.promise();
      vertx.setTimer(retryMs, t -> applyWithRetry(partition, last, ops, Math.min(MAX_RETRY_MS, retryMs * 2)).onComplete(later));
      return later.future();
    });
  }

  /// Runs inside the poll loop only (see [#staleGeneration]).
  private Future<Void> rebuild() {
    rebuilds.incrementAndGet();
    staleGeneration = false;
    appliedUpTo.clear();
    return projection.open().compose(g -> consumer.assignment().compose(assigned -> {
      LOG.warn("contacts projection lost; generation {} replays {} partition(s) of {} from the beginning", g.id(), assigned.size(), topic);
      generation = g.id();
      return seekTo(g, assigned);
    }));
  }
}
