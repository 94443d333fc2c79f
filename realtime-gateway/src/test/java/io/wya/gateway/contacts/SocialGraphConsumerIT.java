package io.wya.gateway.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.testing.Eventually;
import io.wya.gateway.testing.ManualClock;
import io.wya.gateway.testing.Person;
import io.wya.gateway.testing.RedisFixture;
import io.wya.gateway.testing.SocialTopic;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.VerifiedEvent;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The consumer on the real broker and Redis: the projection follows the topic, resumes from its
/// stored offsets, and rebuilds itself from offset 0 when it is lost.
class SocialGraphConsumerIT {
  private static RedisFixture redis;
  private SocialTopic topic;
  private final ManualClock clock = new ManualClock(System.currentTimeMillis());
  private final Person alice = Person.named("alice", clock);
  private final Person bob = Person.named("bob", clock);

  @BeforeAll static void start() { redis = RedisFixture.create("t_consumer"); }

  @AfterAll static void stop() { redis.close(); }

  @BeforeEach void createTopic() { topic = SocialTopic.create("t_consumer", 2); }

  @AfterEach void deleteTopic() { topic.close(); }

  private RedisContactsProjection projection(String name) {
    return new RedisContactsProjection(redis.redis, redis.namespace + name + ":", topic.name, new SecureRandom());
  }

  private SocialGraphConsumer consumer(RedisContactsProjection p, String group) {
    SocialGraphConsumer c = SocialGraphConsumer.start(redis.vertx, SocialGraphConsumer.kafkaConfig(topic.bootstrap,
        redis.namespace + group, 100), topic.name, p);
    c.started().await();
    return c;
  }

  private static boolean contacts(ContactsProjection p, Person a, Person b) {
    try {
      return p.areContacts(a.id, List.of(b.id)).await().getFirst();
    } catch (ContactsProjection.ProjectionUnavailable e) {
      return false;
    }
  }

  private void tick() { clock.advance(Duration.ofMillis(5)); }

  @Test
  @DisplayName("PRS-11 a topic with the broker's default retention is reported at start")
  void aTopicThatForgetsIsReported() {
    String name = io.wya.testkit.LocalServices.uniqueName("t_forgetful").replace('_', '.');
    try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers", topic.bootstrap))) {
      admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, 1, (short) 1)
          .configs(java.util.Map.of("retention.ms", "86400000")))).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
      SocialGraphConsumer c = SocialGraphConsumer.start(redis.vertx, SocialGraphConsumer.kafkaConfig(topic.bootstrap,
          redis.namespace + "forgetful", 100), name, projection("d"));
      c.started().await();
      Eventually.until("the topic's configuration was read", () -> c.topicProblems().isPresent());
      assertThat(c.topicProblems().get()).singleElement().asString().contains("retention.ms=86400000");
      c.stop().await();
      admin.deleteTopics(List.of(name)).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("PRS-11 follows published on the topic make contacts; forged records are skipped; restarts resume from the stored offsets")
  void followsOnTheTopicMakeContacts() {
    RedisContactsProjection p = projection("a");
    SocialGraphConsumer c = consumer(p, "a");
    topic.publish(alice.follow(bob));
    tick();
    byte[] forged = alice.follow(bob).signedEventBytes().toByteArray();
    forged[forged.length - 1] ^= 1;
    topic.send(alice.system().encoded().toByteArray(), forged, ContentType.FOLLOW);
    topic.publish(alice.author.post("not a graph event"), bob.follow(alice));
    Eventually.until("alice and bob are contacts", () -> contacts(p, alice, bob));
    Eventually.until("the topic's configuration was read", () -> c.topicProblems().isPresent());
    assertThat(c.topicProblems().get()).as("the topic keeps every event").isEmpty();
    Eventually.until("the forged record was counted", () -> c.invalidRecords() == 1);
    Eventually.until("both follows were counted", () -> c.appliedOperations() >= 2);
    assertThat(c.appliedOperations()).as("the post and the forged follow were not applied").isEqualTo(2);
    c.stop().await();

    tick();
    topic.publish(bob.block(alice));
    SocialGraphConsumer resumed = consumer(p, "a");
    Eventually.until("the block was applied", () -> resumed.appliedOperations() >= 1);
    assertThat(contacts(p, alice, bob)).isFalse();
    assertThat(resumed.appliedOperations()).as("only the new record was applied").isEqualTo(1);
    assertThat(resumed.rebuilds()).isZero();
    resumed.stop().await();
  }

  @Test
  @DisplayName("ADR 0120 a topic holding single-event records of earlier releases and Events records is applied alike")
  void bothRecordFormatsApply() {
    Person erin = Person.named("erin", clock);
    Person frank = Person.named("frank", clock);
    RedisContactsProjection p = projection("e");
    VerifiedEvent earlier = erin.follow(frank);
    topic.send(erin.system().encoded().toByteArray(), earlier.signedEventBytes().toByteArray(), ContentType.FOLLOW);
    tick();
    topic.publish(frank.author.post("packed with a follow"), frank.follow(erin));
    SocialGraphConsumer c = consumer(p, "e");
    Eventually.until("erin and frank are contacts", () -> contacts(p, erin, frank));
    Eventually.until("both follows were counted", () -> c.appliedOperations() >= 2);
    assertThat(c.appliedOperations()).as("both follows, not the post").isEqualTo(2);
    assertThat(c.invalidRecords()).isZero();
    c.stop().await();
  }

  @Test
  @DisplayName("PRS-11 a lost projection is rebuilt from offset 0 while the gateway runs; a new one replays the topic on start")
  void lostProjectionsAreRebuilt() {
    Person carol = Person.named("carol", clock);
    Person dave = Person.named("dave", clock);
    RedisContactsProjection p = projection("b");
    SocialGraphConsumer c = consumer(p, "b");
    topic.publish(carol.follow(dave), dave.follow(carol));
    Eventually.until("carol and dave are contacts", () -> contacts(p, carol, dave));
    redis.deleteKeys(p.base());
    Eventually.until("the projection is rebuilt from the beginning", () -> contacts(p, carol, dave));
    assertThat(c.rebuilds()).isPositive();
    c.stop().await();

    RedisContactsProjection fresh = projection("c");
    SocialGraphConsumer replaying = consumer(fresh, "c");
    Eventually.until("a new projection replays the topic", () -> contacts(fresh, carol, dave));
    replaying.stop().await();
  }
}
