package io.wya.gateway.testing;

import io.wya.polycentric.VerifiedEvent;
import io.wya.testkit.LocalServices;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/// A social event topic of its own for one test class, written exactly as the social node
/// writes `polycentric.events` (ADR 0101, ADR 0120): key = the system's `PublicKey` bytes, value =
/// the `Events` of that system's events (each `SignedEvent` as ingested), headers
/// `polycentric-value-type: Events` and `polycentric-content-types` = the distinct content types,
/// comma-separated decimal. [#send] writes the single-event records of the node's earlier releases.
public final class SocialTopic implements AutoCloseable {
  public final String name;
  public final String bootstrap;
  private final KafkaProducer<byte[], byte[]> producer;

  private SocialTopic(String name, String bootstrap, int partitions) {
    this.name = name;
    this.bootstrap = bootstrap;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      // as the social node's topic must be configured: every event kept (ADR 0401)
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(Map.of("retention.ms", "-1",
          "retention.bytes", "-1", "cleanup.policy", "delete")))).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not create topic " + name + ": " + e, e);
    }
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer());
  }

  public static SocialTopic create(String purpose, int partitions) {
    return new SocialTopic(LocalServices.uniqueName(purpose).replace('_', '.'), LocalServices.require().kafkaBootstrap(), partitions);
  }

  /// Publishes the events as one relay pass of the social node would: one record per system, in
  /// order, waiting for the broker's acks.
  public void publish(VerifiedEvent... events) {
    Map<com.google.protobuf.ByteString, List<VerifiedEvent>> bySystem = new java.util.LinkedHashMap<>();
    for (VerifiedEvent e : events) bySystem.computeIfAbsent(e.system().encoded(), k -> new java.util.ArrayList<>()).add(e);
    bySystem.forEach((key, ofSystem) -> {
      var value = com.google.protobuf.ByteString.newOutput();
      try {
        var out = com.google.protobuf.CodedOutputStream.newInstance(value);
        for (VerifiedEvent e : ofSystem) out.writeBytes(1, e.signedEventBytes());
        out.flush();
      } catch (java.io.IOException ex) {
        throw new java.io.UncheckedIOException(ex);
      }
      String types = ofSystem.stream().map(VerifiedEvent::contentType).distinct().sorted().map(String::valueOf)
          .collect(java.util.stream.Collectors.joining(","));
      ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(name, key.toByteArray(), value.toByteString().toByteArray());
      r.headers().add("polycentric-value-type", "Events".getBytes(StandardCharsets.US_ASCII));
      r.headers().add("polycentric-content-types", types.getBytes(StandardCharsets.US_ASCII));
      await(r);
    });
  }

  /// Publishes a single-event record as the node did before ADR 0120 (also: forged or malformed records).
  public void send(byte[] key, byte[] value, long contentType) {
    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(name, key, value);
    r.headers().add("polycentric-content-type", Long.toString(contentType).getBytes(StandardCharsets.US_ASCII));
    await(r);
  }

  private void await(ProducerRecord<byte[], byte[]> r) {
    try {
      producer.send(r).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("publish failed: " + e, e);
    }
  }

  @Override public void close() {
    producer.close();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.deleteTopics(List.of(name)).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("could not delete topic " + name + ": " + e);
    }
  }
}
