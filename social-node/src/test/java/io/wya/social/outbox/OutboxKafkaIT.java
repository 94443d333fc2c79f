package io.wya.social.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.wya.polycentric.EventVerifier;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.proto.PublicKey;
import io.wya.social.support.Identity;
import io.wya.social.support.Node;
import io.wya.social.support.SocialNodeResource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// ADR 0101: every accepted event reaches the topic (key = PublicKey; since ADR 0120 the value is
/// the `Events` of one system, each SignedEvent as ingested, with the content-types header), also when Kafka was down while it was ingested, and (ADR 0110)
/// also when its transaction committed after a later one's.
@QuarkusTest
class OutboxKafkaIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test void eventsIngestedWhileKafkaIsDownArriveExactlyOncePerKeyWhenItReturns() throws Exception {
    Identity alice = Identity.create();
    List<VerifiedEvent> before = List.of(alice.author.post("before the outage"), alice.author.follow(Identity.create().system()));
    Node.post(before).then().statusCode(200);
    Map<String, Published> seen = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(SocialNodeResource.topic()));
      int received = awaitKeys(consumer, seen, keys(before));

      List<VerifiedEvent> during = new ArrayList<>();
      SocialNodeResource.kafka().stop();
      try {
        for (int i = 0; i < 3; i++) {
          VerifiedEvent e = alice.author.post("during the outage " + i);
          during.add(e);
          Node.post(e).then().statusCode(200);
        }
      } finally {
        SocialNodeResource.kafka().start();
      }
      List<String> all = new ArrayList<>(keys(before));
      all.addAll(keys(during));
      received += awaitKeys(consumer, seen, all);
      assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(all);
      assertThat(received).isGreaterThanOrEqualTo(all.size());
      for (VerifiedEvent e : during) {
        Published published = seen.get(key(e));
        assertThat(published.signedEvent()).isEqualTo(e.signedEventBytes().toByteArray());
        assertThat(PublicKey.parseFrom(published.record().key())).isEqualTo(alice.system().toProto());
        assertThat(header(published.record(), OutboxRelay.CONTENT_TYPES_HEADER)).isEqualTo("3");
      }
    }
  }

  @Test @DisplayName("the node created its topic at start, keeping every event (ADR 0105, ADR 0401)")
  void theNodeCreatedItsTopicKeepingEveryEvent() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SocialNodeResource.kafka().bootstrap()))) {
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, SocialNodeResource.topic());
      Config config = admin.describeConfigs(Set.of(topic)).all().get(60, TimeUnit.SECONDS).get(topic);
      TopicProvisioner.RETAIN_EVERYTHING.forEach((key, value) -> assertThat(config.get(key).value()).as(key).isEqualTo(value));
      assertThat(admin.describeTopics(List.of(SocialNodeResource.topic())).allTopicNames().get(60, TimeUnit.SECONDS)
          .get(SocialNodeResource.topic()).partitions()).hasSize(6);
    }
  }

  @Test void anEventAboveTheRecordLimitIsStoredNotPublishedAndTheOnesAfterItStillGo() throws Exception {
    Identity bob = Identity.create();
    VerifiedEvent large = bob.author.publish(70, com.google.protobuf.ByteString.copyFrom(new byte[1_000_001]), java.util.Optional.empty(),
        java.util.Optional.empty(), List.of());
    VerifiedEvent small = bob.author.post("after the large one");
    Node.post(large, small).then().statusCode(200);
    Map<String, Published> seen = new HashMap<>();
    Set<String> observed = new java.util.HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(SocialNodeResource.topic()));
      awaitKeys(consumer, seen, keys(List.of(small)), PATIENCE, observed);
    }
    assertThat(seen).containsKey(key(small));
    assertThat(observed).as("every event the consumer read before the small one").doesNotContain(key(large));
    var ranges = Node.ranges(bob.system()).getRangesForProcesses(0).getRangesList();
    assertThat(ranges).as("the large event is stored").singleElement()
        .satisfies(r -> assertThat(List.of(r.getLow(), r.getHigh())).containsExactly(1L, 2L));
  }

  @Test void anEventWhoseTransactionCommitsAfterALaterOnesIsPublishedNotSkipped() throws Exception {
    VerifiedEvent slow = Identity.create().author.post("written by a transaction that commits late");
    VerifiedEvent quick = Identity.create().author.post("committed first");
    var db = SocialNodeResource.database();
    Map<String, Published> seen = new HashMap<>();
    try (Connection slowTransaction = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(SocialNodeResource.topic()));
      slowTransaction.setAutoCommit(false);
      try (PreparedStatement insert = slowTransaction.prepareStatement(
          "insert into events (system, process, logical_clock, content_type, unix_ms, signed_event) values (?, ?, ?, 3, ?, ?)")) {
        insert.setBytes(1, slow.system().key().toByteArray());
        insert.setBytes(2, slow.process().id().toByteArray());
        insert.setLong(3, slow.logicalClock());
        insert.setLong(4, slow.unixMilliseconds().orElse(0));
        insert.setBytes(5, slow.signedEventBytes().toByteArray());
        insert.executeUpdate();
      }
      Node.post(quick).then().statusCode(200); // a higher id, a newer transaction, committed first

      awaitKeys(consumer, seen, keys(List.of(quick)), Duration.ofSeconds(3));
      assertThat(seen).as("the newer event waits while an older transaction may still commit").doesNotContainKey(key(quick));
      slowTransaction.commit();
      awaitKeys(consumer, seen, keys(List.of(slow, quick)), PATIENCE);
      assertThat(seen).containsKeys(key(slow), key(quick));
      assertThat(seen.get(key(slow)).signedEvent()).isEqualTo(slow.signedEventBytes().toByteArray());
    }
  }

  /// One event as a consumer sees it: the record that carried it and its `SignedEvent` bytes.
  record Published(ConsumerRecord<byte[], byte[]> record, byte[] signedEvent) {}

  private static int awaitKeys(KafkaConsumer<byte[], byte[]> consumer, Map<String, Published> seen, List<String> wanted)
      throws java.io.IOException {
    return awaitKeys(consumer, seen, wanted, PATIENCE);
  }

  /// Polls until every key was seen or `patience` passed; returns how many records arrived
  /// (duplicates included).
  private static int awaitKeys(KafkaConsumer<byte[], byte[]> consumer, Map<String, Published> seen, List<String> wanted,
                               Duration patience) throws java.io.IOException {
    return awaitKeys(consumer, seen, wanted, patience, new java.util.HashSet<>());
  }

  /// As above; `observed` collects the key of every event read, wanted or not.
  private static int awaitKeys(KafkaConsumer<byte[], byte[]> consumer, Map<String, Published> seen, List<String> wanted,
                               Duration patience, Set<String> observed) throws java.io.IOException {
    int received = 0;
    Instant deadline = Instant.now().plus(patience);
    while (!seen.keySet().containsAll(wanted) && Instant.now().isBefore(deadline)) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        assertThat(header(r, OutboxRelay.VALUE_TYPE_HEADER)).isEqualTo("Events");
        for (byte[] signed : signedEvents(r.value())) {
          VerifiedEvent e = EventVerifier.verify(com.google.protobuf.ByteString.copyFrom(signed));
          assertThat(e.system().toProto()).as("a record holds the events of its key's system").isEqualTo(PublicKey.parseFrom(r.key()));
          observed.add(key(e));
          if (!wanted.contains(key(e))) continue;
          received++;
          seen.putIfAbsent(key(e), new Published(r, signed));
        }
      }
    }
    return received;
  }

  /// The `SignedEvent`s of an `Events` value, each exactly as the record carries it.
  private static List<byte[]> signedEvents(byte[] value) throws java.io.IOException {
    List<byte[]> events = new ArrayList<>();
    com.google.protobuf.CodedInputStream in = com.google.protobuf.CodedInputStream.newInstance(value);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      assertThat(tag).as("Events has only field 1, length-delimited").isEqualTo(0x0a);
      events.add(in.readByteArray());
    }
    return events;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
  }

  private static List<String> keys(List<VerifiedEvent> events) { return events.stream().map(OutboxKafkaIT::key).toList(); }

  /// The consumer's dedupe key: (system, process, logical clock).
  private static String key(VerifiedEvent e) { return e.key().toString(); }

  private static KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SocialNodeResource.kafka().bootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }
}
