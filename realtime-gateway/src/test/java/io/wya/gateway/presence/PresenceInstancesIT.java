package io.wya.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.config.PresenceConfig;
import io.wya.gateway.contacts.ContactsProjection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.LastSeen;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.UserId;
import io.wya.gateway.testing.Eventually;
import io.wya.gateway.testing.Person;
import io.wya.gateway.testing.RedisFixture;
import io.wya.gateway.testing.SocialTopic;
import io.wya.testkit.LocalServices;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// Two instances' presence on the real Redis and Kafka, fed by signed events on the social topic
/// (the gateway's sessions stand in as [FakeSession]s; the transports are tested end to end in
/// the gateway's own tests).
class PresenceInstancesIT {
  private static final Clock CLOCK = Clock.systemUTC();
  private static RedisFixture redis;
  private static SocialTopic topic;
  private static PresenceService one;
  private static PresenceService two;

  @BeforeAll static void start() {
    redis = RedisFixture.create("t_instances");
    topic = SocialTopic.create("t_instances", 2);
    PresenceConfig config = PresenceConfig.load(Map.of("GATEWAY_PRESENCE_TOPIC", topic.name, "GATEWAY_PRESENCE_LEASE_TTL", "2s",
        "GATEWAY_PRESENCE_SWEEP_INTERVAL", "100ms", "GATEWAY_PRESENCE_SET_RATE", "5"));
    var settings = new PresenceService.Settings(config, redis.namespace, LocalServices.require().kafkaBootstrap());
    one = PresenceService.start(redis.vertx, redis.redis, settings, CLOCK, new SecureRandom());
    two = PresenceService.start(redis.vertx, redis.redis, settings, CLOCK, new SecureRandom());
    one.consumer().started().await();
    two.consumer().started().await();
  }

  @AfterAll static void stop() {
    one.stop().await();
    two.stop().await();
    topic.close();
    redis.close();
  }

  private static void befriend(Person a, Person b) {
    topic.publish(a.follow(b), b.follow(a));
    Eventually.until(a + " and " + b + " are contacts", () -> contacts(a.id, b.id));
  }

  private static boolean contacts(UserId a, UserId b) {
    try {
      return one.projection().areContacts(a, List.of(b)).await().getFirst();
    } catch (ContactsProjection.ProjectionUnavailable e) {
      return false;
    }
  }

  private static FakeSession session(Person p) { return new FakeSession(p.newDevice(), CLOCK.millis()); }

  private static ServerFrame.PresenceState changed(FakeSession s) {
    ServerFrame f = s.next();
    assertThat(f).isInstanceOf(ServerFrame.PresenceChanged.class);
    return ((ServerFrame.PresenceChanged) f).state();
  }

  private static ServerFrame set(PresenceService at, FakeSession s, PresenceStatus status) {
    return at.hub().setPresence(s, new ClientFrame.SetPresence(status, "")).await();
  }

  private static ServerFrame watch(PresenceService at, FakeSession s, UserId... users) {
    return at.hub().watch(s, new ClientFrame.WatchPresence(List.of(users), List.of())).await();
  }

  @Test
  @DisplayName("PRS-9 PRS-5 a contact on another instance is seen online, away, then offline when the silent device's lease expires")
  void acrossInstancesUntilExpiry() {
    Person alice = Person.named("alice", CLOCK);
    Person bob = Person.named("bob", CLOCK);
    befriend(alice, bob);
    FakeSession a = session(alice);
    FakeSession b = session(bob);
    assertThat(watch(one, a, bob.id)).isInstanceOf(ServerFrame.PresenceSnapshot.class);
    set(two, b, PresenceStatus.ONLINE);
    assertThat(changed(a).status()).isEqualTo(PresenceStatus.ONLINE);
    set(two, b, PresenceStatus.AWAY);
    assertThat(changed(a).status()).isEqualTo(PresenceStatus.AWAY);
    assertThat(changed(a)).as("bob's device fell silent: its lease expired")
        .isEqualTo(new ServerFrame.PresenceState(bob.id, PresenceStatus.OFFLINE, "", LastSeen.JUST_NOW));
  }

  @Test
  @DisplayName("PRS-8 a block posted to the social topic ends the watch on every instance; nothing more is sent")
  void aBlockOnTheTopicEndsWatches() {
    Person alice = Person.named("alice", CLOCK);
    Person bob = Person.named("bob", CLOCK);
    befriend(alice, bob);
    FakeSession a = session(alice);
    FakeSession b = session(bob);
    watch(one, a, bob.id);
    watch(two, b, alice.id);
    topic.publish(bob.block(alice));
    assertThat(a.next()).isEqualTo(new ServerFrame.PresenceWatchEnded(bob.id));
    assertThat(b.next()).isEqualTo(new ServerFrame.PresenceWatchEnded(alice.id));
    set(two, b, PresenceStatus.ONLINE);
    ServerFrame again = watch(one, a, bob.id);
    assertThat(again).isInstanceOfSatisfying(ServerFrame.Error.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_CONTACT));
    assertThat(a.drained()).isEmpty();
  }

  @Test
  @DisplayName("PRS-3 rate limits are counted across instances")
  void rateLimitsSpanInstances() {
    Person carol = Person.named("carol", CLOCK);
    FakeSession onOne = session(carol);
    FakeSession onTwo = new FakeSession(onOne.device(), CLOCK.millis());
    int granted = 0;
    ServerFrame last = null;
    for (int i = 0; i < 6; i++) {
      last = set(i % 2 == 0 ? one : two, i % 2 == 0 ? onOne : onTwo, PresenceStatus.ONLINE);
      if (last instanceof ServerFrame.PresenceLease) granted++;
    }
    assertThat(granted).as("5 per minute, whichever instance served them").isLessThanOrEqualTo(5);
    assertThat(last).isInstanceOfSatisfying(ServerFrame.Error.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    one.hub().detach(onOne).await();
    two.hub().detach(onTwo).await();
  }

  @Test
  void startsWhileRedisAndKafkaAreDown() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    var nowhere = io.vertx.redis.client.Redis.createClient(redis.vertx, "redis://127.0.0.1:" + closedPort);
    PresenceService orphan = PresenceService.start(redis.vertx, nowhere, new PresenceService.Settings(PresenceConfig.defaultConfig(),
        redis.namespace + "orphan:", "127.0.0.1:" + closedPort), CLOCK, new SecureRandom());
    FakeSession s = session(Person.named("lonely", CLOCK));
    var reply = orphan.hub().setPresence(s, new ClientFrame.SetPresence(PresenceStatus.ONLINE, ""));
    Eventually.until("the request fails instead of hanging", reply::isComplete);
    assertThat(reply.failed()).as("the session answers UNAVAILABLE for a failed dependency").isTrue();
    orphan.stop().await();
  }

  @Test
  @DisplayName("PRS-9 after a gap in the feed the instance re-reads and pushes what it missed")
  void resyncCatchesUpMissedChanges() {
    Person dave = Person.named("dave", CLOCK);
    Person erin = Person.named("erin", CLOCK);
    befriend(dave, erin);
    FakeSession d = session(dave);
    FakeSession e = session(erin);
    watch(one, d, erin.id);
    String channel = redis.namespace + "presence:c:" + erin.id.hex();
    one.subscriber().unsubscribe(channel).await();
    set(two, e, PresenceStatus.BUSY);
    assertThat(d.drained()).isEmpty();
    one.hub().resync();
    assertThat(changed(d).status()).isEqualTo(PresenceStatus.BUSY);
    two.hub().detach(e).await();
  }
}
