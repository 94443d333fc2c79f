package io.wya.social.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.testkit.LocalServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The node provisions its topic on the real (shared) Kafka, under names of its own.
class TopicProvisionerIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Admin admin;
  private static final List<String> created = new java.util.ArrayList<>();

  @BeforeAll static void connect() {
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.require().kafkaBootstrap()));
  }

  @AfterAll static void cleanUp() throws Exception {
    if (admin == null) return;
    admin.deleteTopics(created).all().get(30, TimeUnit.SECONDS);
    admin.close();
  }

  @Test @DisplayName("a missing topic is created with the configured partitions and replication, keeping every event (ADR 0401)")
  void aMissingTopicIsCreatedKeepingEveryEvent() throws Exception {
    String topic = name("created");
    var outcome = new TopicProvisioner(admin, topic, 3, (short) 1).ensure().await().atMost(WAIT);

    assertThat(outcome.created()).isTrue();
    TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    assertThat(description.partitions()).hasSize(3);
    assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
    assertRetainsEverything(topic);
  }

  @Test @DisplayName("an existing topic with a finite retention or compaction is set back to keep every event; its partitions stay")
  void anExistingTopicThatWouldLoseEventsIsSetBack() throws Exception {
    String topic = name("drifted");
    admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1).configs(Map.of("retention.ms", "3600000", "cleanup.policy", "compact"))))
        .all().get(30, TimeUnit.SECONDS);

    var outcome = new TopicProvisioner(admin, topic, 6, (short) 1).ensure().await().atMost(WAIT);

    assertThat(outcome.created()).isFalse();
    assertThat(outcome.reset()).containsEntry("retention.ms", "3600000").containsEntry("cleanup.policy", "compact")
        .doesNotContainKey("retention.bytes");
    assertRetainsEverything(topic);
    assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()).hasSize(2);
    assertThat(new TopicProvisioner(admin, topic, 6, (short) 1).ensure().await().atMost(WAIT).reset()).isEmpty();
  }

  @Test @DisplayName("a topic that already keeps every event is left as it is")
  void aTopicThatAlreadyKeepsEverythingIsLeftAlone() throws Exception {
    String topic = name("kept");
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(TopicProvisioner.RETAIN_EVERYTHING))).all().get(30, TimeUnit.SECONDS);
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "2000000"),
        AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);

    var outcome = new TopicProvisioner(admin, topic, 6, (short) 1).ensure().await().atMost(WAIT);

    assertThat(outcome).isEqualTo(new TopicProvisioner.Outcome(false, Map.of()));
    assertThat(config(topic).get("max.message.bytes").value()).isEqualTo("2000000");
  }

  private static void assertRetainsEverything(String topic) throws Exception {
    Config config = config(topic);
    TopicProvisioner.RETAIN_EVERYTHING.forEach((key, value) -> assertThat(config.get(key).value()).as(key).isEqualTo(value));
  }

  private static Config config(String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
  }

  private static String name(String purpose) {
    String topic = LocalServices.uniqueName("t_social_topic_" + purpose);
    created.add(topic);
    return topic;
  }
}
