package io.wya.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.client.GatewayClient;
import io.wya.gateway.contacts.ContactsProjection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.DeviceKey;
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
import io.wya.gateway.testing.TestGateway;
import io.wya.polycentric.VerifiedEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// Issue 5's proof on the real services: users follow and block each other by posting signed
/// events to a running social node, as a real client would; the node publishes them on its topic;
/// two gateway instances (WebSocket and SSE clients) learn the graph from there, with Redis for
/// leases and fan-out. The services never call each other.
///
/// The social node runs from its packaged jar (the full build makes it). A build of only the
/// gateway modules has no jar: the events are then written to the topic exactly as the node writes
/// them (ADR 0101), and a notice says so.
class PresenceEndToEndIT {
  private static final Duration T = Duration.ofSeconds(10);
  private static final Clock CLOCK = Clock.systemUTC();
  private static SocialTopic social;
  private static SocialNode node;
  private static TestGateway one;
  private static TestGateway two;

  @BeforeAll static void start() {
    social = SocialTopic.create("t_presence_e2e", 2);
    if (SocialNode.built()) {
      node = SocialNode.start(social.name);
    } else {
      System.err.println("PresenceEndToEndIT: social-node is not built; events go to the topic directly (ADR 0101 contract)");
    }
    one = TestGateway.start("presence", overrides(Map.of()));
    two = one.sibling(Map.of());
  }

  @AfterAll static void stop() {
    two.close();
    one.close();
    if (node != null) node.close();
    social.close();
  }

  /// Through the social node when it runs, else onto its topic as the node would.
  private static void publish(VerifiedEvent... events) {
    if (node != null) node.post(events);
    else social.publish(events);
  }

  /// A lease TTL of 2 s (heartbeats every 500 ms keep live clients' leases), a watchlist of 3 and
  /// 8 watchlist changes per minute.
  private static Map<String, String> overrides(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(Map.of("GATEWAY_PRESENCE_TOPIC", social.name, "GATEWAY_PRESENCE_LEASE_TTL", "2s",
        "GATEWAY_PRESENCE_SWEEP_INTERVAL", "100ms", "GATEWAY_HEARTBEAT_INTERVAL", "500ms", "GATEWAY_HEARTBEAT_TIMEOUT", "60s",
        "GATEWAY_PRESENCE_MAX_WATCHLIST", "3", "GATEWAY_PRESENCE_WATCH_CHANGES", "8", "GATEWAY_PRESENCE_WATCH_WINDOW", "PT1M"));
    env.putAll(more);
    return env;
  }

  private static GatewayClient login(TestGateway at, Person p, GatewayClient.Transport transport) throws Exception {
    GatewayClient c = at.connect(transport);
    DeviceKey device = p.newDevice();
    c.authenticate(device, m -> p.key.sign(m).toByteArray(), T);
    return c;
  }

  /// Both follow each other on the topic; returns once `at`'s projection has applied it.
  private static void befriend(TestGateway at, Person a, Person b) {
    publish(a.follow(b), b.follow(a));
    awaitContacts(at, a.id, b.id, true);
  }

  private static void awaitContacts(TestGateway at, UserId a, UserId b, boolean expected) {
    ContactsProjection p = at.gateway().presence().projection();
    Eventually.until("contacts " + expected, () -> {
      try {
        return p.areContacts(a, List.of(b)).await().getFirst() == expected;
      } catch (ContactsProjection.ProjectionUnavailable e) {
        return false;
      }
    });
  }

  private static ServerFrame watch(GatewayClient c, List<UserId> add, List<UserId> remove) throws Exception {
    return c.request(new ClientFrame.WatchPresence(add, remove), T).frame();
  }

  private static ServerFrame.PresenceSnapshot snapshot(GatewayClient c, UserId... users) throws Exception {
    return c.call(new ClientFrame.WatchPresence(List.of(users), List.of()), ServerFrame.PresenceSnapshot.class, T);
  }

  private static ServerFrame.Error refused(GatewayClient c, UserId... users) throws Exception {
    ServerFrame reply = watch(c, List.of(users), List.of());
    assertThat(reply).isInstanceOf(ServerFrame.Error.class);
    return (ServerFrame.Error) reply;
  }

  private static ServerFrame.PresenceState changed(GatewayClient c) throws TimeoutException {
    return c.next(ServerFrame.PresenceChanged.class, T).state();
  }

  private static void set(GatewayClient c, PresenceStatus status) throws Exception {
    c.call(new ClientFrame.SetPresence(status, ""), ServerFrame.PresenceLease.class, T);
  }

  @Test
  @DisplayName("PRS-1 PRS-5 PRS-9 A watches B across instances and sees B online, away, then offline when B's lease expires")
  void aSeesBOnlineAwayAndOffline() throws Exception {
    Person a = Person.named("a", CLOCK);
    Person b = Person.named("b", CLOCK);
    befriend(one, a, b);
    try (GatewayClient alice = login(one, a, GatewayClient.Transport.WEBSOCKET);
         GatewayClient bob = login(two, b, GatewayClient.Transport.SSE)) {
      assertThat(snapshot(alice, b.id).states())
          .containsExactly(new ServerFrame.PresenceState(b.id, PresenceStatus.OFFLINE, "", LastSeen.EARLIER));
      set(bob, PresenceStatus.ONLINE);
      assertThat(changed(alice).status()).isEqualTo(PresenceStatus.ONLINE);
      set(bob, PresenceStatus.AWAY);
      assertThat(changed(alice).status()).isEqualTo(PresenceStatus.AWAY);
      bob.autoPong(false); // bob's device falls silent; its session stays open (heartbeat timeout 60 s)
      assertThat(changed(alice)).isEqualTo(new ServerFrame.PresenceState(b.id, PresenceStatus.OFFLINE, "", LastSeen.JUST_NOW));
      assertThat(bob.isOpen()).as("offline came from the lease, not from a closed session").isTrue();
    }
  }

  @Test
  @DisplayName("PRS-1 C, who is not a contact, is refused with NOT_A_CONTACT whoever C asks for")
  void cIsRefused() throws Exception {
    Person a = Person.named("a", CLOCK);
    Person b = Person.named("b", CLOCK);
    Person c = Person.named("c", CLOCK);
    publish(c.follow(a));
    befriend(two, a, b);
    try (GatewayClient carol = login(two, c, GatewayClient.Transport.WEBSOCKET);
         GatewayClient bob = login(one, b, GatewayClient.Transport.WEBSOCKET)) {
      set(bob, PresenceStatus.ONLINE);
      ServerFrame.Error refused = refused(carol, a.id);
      assertThat(refused.code()).isEqualTo(ErrorCode.NOT_A_CONTACT);
      assertThat(refused.itemIndex()).hasValue(0);
      assertThat(refused(carol, b.id)).as("online or not, followed or not: the same answer").usingRecursiveComparison().isEqualTo(refused);
    }
  }

  @Test
  @DisplayName("PRS-8 B blocks A through the social topic: A's watch ends and B's state is no longer sent")
  void aBlockEndsTheWatch() throws Exception {
    Person a = Person.named("a", CLOCK);
    Person b = Person.named("b", CLOCK);
    befriend(one, a, b);
    try (GatewayClient alice = login(one, a, GatewayClient.Transport.WEBSOCKET);
         GatewayClient bob = login(two, b, GatewayClient.Transport.WEBSOCKET)) {
      snapshot(alice, b.id);
      set(bob, PresenceStatus.ONLINE);
      assertThat(changed(alice).status()).isEqualTo(PresenceStatus.ONLINE);
      publish(b.block(a));
      assertThat(alice.next(ServerFrame.PresenceWatchEnded.class, Duration.ofSeconds(30)).user()).isEqualTo(b.id);
      set(bob, PresenceStatus.BUSY);
      assertThat(refused(alice, b.id).code()).isEqualTo(ErrorCode.NOT_A_CONTACT);
      assertThat(alice.pending()).noneMatch(m -> m.frame() instanceof ServerFrame.PresenceChanged);
    }
  }

  @Test
  @DisplayName("PRS-6 an invisible contact looks offline")
  void invisibleLooksOffline() throws Exception {
    Person a = Person.named("a", CLOCK);
    Person d = Person.named("d", CLOCK);
    befriend(one, a, d);
    try (GatewayClient alice = login(one, a, GatewayClient.Transport.WEBSOCKET);
         GatewayClient dave = login(two, d, GatewayClient.Transport.WEBSOCKET)) {
      set(dave, PresenceStatus.INVISIBLE);
      assertThat(snapshot(alice, d.id).states().getFirst().status()).isEqualTo(PresenceStatus.OFFLINE);
      set(dave, PresenceStatus.ONLINE);
      assertThat(changed(alice).status()).isEqualTo(PresenceStatus.ONLINE);
      set(dave, PresenceStatus.INVISIBLE);
      assertThat(changed(alice)).isEqualTo(new ServerFrame.PresenceState(d.id, PresenceStatus.OFFLINE, "", LastSeen.JUST_NOW));
    }
  }

  @Test
  @DisplayName("PRS-2 PRS-3 the watchlist cap and the watchlist rate limit hold over the wire")
  void capAndRateLimitHold() throws Exception {
    Person a = Person.named("a", CLOCK);
    List<Person> f = List.of(Person.named("f1", CLOCK), Person.named("f2", CLOCK), Person.named("f3", CLOCK), Person.named("f4", CLOCK));
    for (Person friend : f) befriend(two, a, friend);
    try (GatewayClient alice = login(two, a, GatewayClient.Transport.WEBSOCKET)) {
      assertThat(snapshot(alice, f.get(0).id, f.get(1).id, f.get(2).id).watching()).isEqualTo(3);
      assertThat(refused(alice, f.get(3).id).code()).isEqualTo(ErrorCode.WATCHLIST_FULL);
      ServerFrame.Error limited = null;
      for (int i = 0; i < 12 && limited == null; i++) {
        if (watch(alice, List.of(f.get(3).id), List.of(f.get(0).id)) instanceof ServerFrame.Error e) limited = e;
        else if (watch(alice, List.of(f.get(0).id), List.of(f.get(3).id)) instanceof ServerFrame.Error e) limited = e;
      }
      assertThat(limited).isNotNull();
      assertThat(limited.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(limited.retryAfterMs()).isBetween(1L, 60_000L);
    }
  }

  @Test
  @DisplayName("PRS-10 the SSE stream that carries presence is Cache-Control: no-store")
  void presenceOverSseIsNeverCached() throws Exception {
    HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(one.base() + "/v1/sse")).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    r.body().close();
  }

  @Test
  @DisplayName("PRS-11 a restarted gateway keeps its projection, and one that lost it rebuilds it from offset 0")
  void restartsKeepOrRebuildTheProjection() throws Exception {
    Person a = Person.named("a", CLOCK);
    Person e = Person.named("e", CLOCK);
    TestGateway alone = TestGateway.start("presence_restart", overrides(Map.of()));
    befriend(alone, a, e);
    String base = alone.gateway().presence().projection().base();
    alone.close();
    try (TestGateway restarted = alone.sibling(Map.of())) {
      try (GatewayClient alice = login(restarted, a, GatewayClient.Transport.WEBSOCKET)) {
        assertThat(snapshot(alice, e.id).states()).hasSize(1);
      }
      assertThat(restarted.gateway().presence().consumer().rebuilds()).isZero();
    }
    try (RedisFixture redis = RedisFixture.create("t_presence_loss")) {
      redis.deleteKeys(base); // the projection is lost (a flushed or evicted Redis)
    }
    try (TestGateway rebuilt = alone.sibling(Map.of())) {
      awaitContacts(rebuilt, a.id, e.id, true);
      try (GatewayClient alice = login(rebuilt, a, GatewayClient.Transport.WEBSOCKET)) {
        assertThat(snapshot(alice, e.id).states()).hasSize(1);
      }
    }
  }
}
