package io.wya.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.wya.gateway.testing.SocialNode;
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

/// Issue 5's story through the real social node: signed FOLLOW and BLOCK events are posted to a
/// running node as a client posts them; the node publishes them on its topic; two instances'
/// presence learns the graph from there — the services never call each other.
class SocialNodePresenceIT {
  private static final Clock CLOCK = Clock.systemUTC();
  private static RedisFixture redis;
  private static SocialTopic topic;
  private static SocialNode node;
  private static PresenceService one;
  private static PresenceService two;

  @BeforeAll static void start() {
    topic = SocialTopic.create("t_node_presence", 2);
    node = SocialNode.start(topic.name);
    redis = RedisFixture.create("t_node_presence");
    PresenceConfig config = PresenceConfig.load(Map.of("GATEWAY_PRESENCE_TOPIC", topic.name, "GATEWAY_PRESENCE_LEASE_TTL", "2s",
        "GATEWAY_PRESENCE_SWEEP_INTERVAL", "100ms"));
    var settings = new PresenceService.Settings(config, redis.namespace, LocalServices.require().kafkaBootstrap());
    one = PresenceService.start(redis.vertx, redis.redis, settings, CLOCK, new SecureRandom());
    two = PresenceService.start(redis.vertx, redis.redis, settings, CLOCK, new SecureRandom());
  }

  @AfterAll static void stop() {
    if (one != null) one.stop().await();
    if (two != null) two.stop().await();
    if (redis != null) redis.close();
    if (node != null) node.close();
    topic.close();
  }

  private static void awaitContacts(UserId a, UserId b, boolean expected) {
    Eventually.until("contacts " + expected, () -> {
      try {
        return one.projection().areContacts(a, List.of(b)).await().getFirst() == expected;
      } catch (ContactsProjection.ProjectionUnavailable e) {
        return false;
      }
    });
  }

  private static ServerFrame.PresenceState changed(FakeSession s) {
    ServerFrame f = s.next();
    assertThat(f).isInstanceOf(ServerFrame.PresenceChanged.class);
    return ((ServerFrame.PresenceChanged) f).state();
  }

  @Test
  @DisplayName("PRS-1 PRS-5 PRS-8 PRS-11 follows and a block posted to the social node decide who sees whom, across instances")
  void theWholeStoryThroughTheSocialNode() {
    Person a = Person.named("a", CLOCK);
    Person b = Person.named("b", CLOCK);
    Person c = Person.named("c", CLOCK);
    node.post(a.follow(b));
    node.post(b.follow(a), c.follow(a));
    awaitContacts(a.id, b.id, true);

    FakeSession alice = new FakeSession(a.newDevice(), CLOCK.millis());
    FakeSession bob = new FakeSession(b.newDevice(), CLOCK.millis());
    FakeSession carol = new FakeSession(c.newDevice(), CLOCK.millis());
    assertThat(one.hub().watch(alice, new ClientFrame.WatchPresence(List.of(b.id), List.of())).await())
        .isInstanceOf(ServerFrame.PresenceSnapshot.class);
    ServerFrame refused = two.hub().watch(carol, new ClientFrame.WatchPresence(List.of(a.id), List.of())).await();
    assertThat(refused).isInstanceOfSatisfying(ServerFrame.Error.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_CONTACT));

    two.hub().setPresence(bob, new ClientFrame.SetPresence(PresenceStatus.ONLINE, "")).await();
    assertThat(changed(alice).status()).isEqualTo(PresenceStatus.ONLINE);
    two.hub().setPresence(bob, new ClientFrame.SetPresence(PresenceStatus.AWAY, "")).await();
    assertThat(changed(alice).status()).isEqualTo(PresenceStatus.AWAY);
    assertThat(changed(alice)).as("bob's device fell silent: its lease expired")
        .isEqualTo(new ServerFrame.PresenceState(b.id, PresenceStatus.OFFLINE, "", LastSeen.JUST_NOW));

    bob.lastReceivedMs = CLOCK.millis();
    two.hub().setPresence(bob, new ClientFrame.SetPresence(PresenceStatus.ONLINE, "")).await();
    assertThat(changed(alice).status()).isEqualTo(PresenceStatus.ONLINE);
    node.post(b.block(a));
    assertThat(alice.next()).isEqualTo(new ServerFrame.PresenceWatchEnded(b.id));
    two.hub().setPresence(bob, new ClientFrame.SetPresence(PresenceStatus.BUSY, "")).await();
    assertThat(one.hub().watch(alice, new ClientFrame.WatchPresence(List.of(b.id), List.of())).await())
        .isInstanceOfSatisfying(ServerFrame.Error.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_CONTACT));
    assertThat(alice.drained()).noneMatch(f -> f instanceof ServerFrame.PresenceChanged);
  }
}
