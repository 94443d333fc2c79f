package io.wya.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.wya.gateway.config.PresenceConfig;
import io.wya.gateway.contacts.ContactsProjection;
import io.wya.gateway.contacts.InMemoryContactsProjection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.LastSeen;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.UserId;
import io.wya.gateway.testing.ManualClock;
import io.wya.gateway.testing.Person;
import io.wya.polycentric.VerifiedEvent;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PresenceHubTest {
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final Person alice = Person.named("alice", clock);
  private final Person bob = Person.named("bob", clock);
  private final Person carol = Person.named("carol", clock);
  private final InMemoryPresenceStore store = new InMemoryPresenceStore();
  private final InMemoryContactsProjection projection = new InMemoryContactsProjection(new SecureRandom());
  private final InMemoryRateLimiter limiter = new InMemoryRateLimiter();
  private String generation;
  private long offset;
  private PresenceHub hub;

  @BeforeEach
  void setUp() {
    generation = projection.open().await().id();
    hub = hub(Map.of());
    graph(alice.follow(bob), bob.follow(alice), alice.follow(carol), carol.follow(alice));
  }

  private PresenceHub hub(Map<String, String> env) {
    PresenceHub h = new PresenceHub(PresenceConfig.load(env), clock, store, store.feed(), projection, limiter);
    projection.onFlip(h::onFlip);
    return h;
  }

  private void graph(VerifiedEvent... events) {
    for (VerifiedEvent e : events) {
      var ops = io.wya.gateway.contacts.GraphRecordParser.parse(e.signedEventBytes().toByteArray(), null);
      var list = ((io.wya.gateway.contacts.GraphRecordParser.Ops) ops).ops().stream()
          .map(op -> new ContactsProjection.OffsetOp(offset, op)).toList();
      projection.apply(generation, 0, offset++, list).await();
      clock.advance(Duration.ofMillis(1));
    }
  }

  private FakeSession session(Person p) { return new FakeSession(p.newDevice(), clock.millis()); }

  private static ClientFrame.WatchPresence add(UserId... users) { return new ClientFrame.WatchPresence(List.of(users), List.of()); }

  private ServerFrame watch(PresenceHub h, FakeSession s, ClientFrame.WatchPresence w) { return h.watch(s, w).await(); }

  private ServerFrame set(PresenceHub h, FakeSession s, PresenceStatus status, String activity) {
    return h.setPresence(s, new ClientFrame.SetPresence(status, activity)).await();
  }

  private static ServerFrame.PresenceState state(ServerFrame f) {
    assertThat(f).isInstanceOf(ServerFrame.PresenceChanged.class);
    return ((ServerFrame.PresenceChanged) f).state();
  }

  private static ServerFrame.Error error(ServerFrame f, ErrorCode code) {
    assertThat(f).isInstanceOfSatisfying(ServerFrame.Error.class, e -> assertThat(e.code()).isEqualTo(code));
    return (ServerFrame.Error) f;
  }

  @Test
  @DisplayName("PRS-1 PRS-4 a contact can be watched: a snapshot first, then each change as a diff")
  void watchingAContact() {
    FakeSession a = session(alice);
    FakeSession b = session(bob);
    ServerFrame snapshot = watch(hub, a, add(bob.id));
    assertThat(snapshot).isEqualTo(new ServerFrame.PresenceSnapshot(
        List.of(new ServerFrame.PresenceState(bob.id, PresenceStatus.OFFLINE, "", LastSeen.EARLIER)), 1, 256));
    assertThat(set(hub, b, PresenceStatus.ONLINE, "reading")).isEqualTo(
        new ServerFrame.PresenceLease(PresenceStatus.ONLINE, "reading", 90_000));
    assertThat(state(a.next())).isEqualTo(new ServerFrame.PresenceState(bob.id, PresenceStatus.ONLINE, "reading", null));
    set(hub, b, PresenceStatus.AWAY, "");
    assertThat(state(a.next()).status()).isEqualTo(PresenceStatus.AWAY);
    assertThat(a.drained()).isEmpty();
  }

  @Test
  @DisplayName("PRS-1 a user who is not a contact is refused with NOT_A_CONTACT, the same whether they exist, are online or block you")
  void nonContactsAreRefusedWithoutALeak() {
    Person dave = Person.named("dave", clock);
    graph(dave.follow(alice), alice.follow(dave), dave.block(alice));
    set(hub, session(dave), PresenceStatus.ONLINE, "");
    Person stranger = Person.named("stranger", clock);
    FakeSession a = session(alice);
    List<ServerFrame.Error> refusals = List.of(
        error(watch(hub, a, add(bob.id, Person.named("carl", clock).id)), ErrorCode.NOT_A_CONTACT),
        error(watch(hub, a, add(bob.id, dave.id)), ErrorCode.NOT_A_CONTACT),
        error(watch(hub, a, add(bob.id, stranger.id)), ErrorCode.NOT_A_CONTACT));
    for (ServerFrame.Error e : refusals) {
      assertThat(e.itemIndex()).hasValue(1);
      assertThat(e).usingRecursiveComparison().isEqualTo(refusals.getFirst());
    }
    assertThat(error(watch(hub, a, add(alice.id)), ErrorCode.NOT_A_CONTACT).itemIndex()).as("nobody watches themselves").hasValue(0);
    FakeSession b = session(bob);
    set(hub, b, PresenceStatus.ONLINE, "");
    assertThat(a.drained()).as("a refused request changed nothing: bob was not added").isEmpty();
  }

  @Test
  @DisplayName("PRS-2 the watchlist never exceeds GATEWAY_PRESENCE_MAX_WATCHLIST; removes count first")
  void watchlistCapHolds() {
    PresenceHub small = hub(Map.of("GATEWAY_PRESENCE_MAX_WATCHLIST", "1"));
    FakeSession a = session(alice);
    error(watch(small, a, add(bob.id, carol.id)), ErrorCode.WATCHLIST_FULL);
    assertThat(watch(small, a, add(bob.id))).isInstanceOf(ServerFrame.PresenceSnapshot.class);
    error(watch(small, a, add(carol.id)), ErrorCode.WATCHLIST_FULL);
    ServerFrame swapped = watch(small, a, new ClientFrame.WatchPresence(List.of(carol.id), List.of(bob.id)));
    assertThat(((ServerFrame.PresenceSnapshot) swapped).watching()).isEqualTo(1);
    assertThat(((ServerFrame.PresenceSnapshot) swapped).maxWatchlist()).isEqualTo(1);
    set(small, session(bob), PresenceStatus.ONLINE, "");
    set(small, session(carol), PresenceStatus.ONLINE, "");
    assertThat(state(a.next()).user()).isEqualTo(carol.id);
    assertThat(a.drained()).isEmpty();
  }

  @Test
  @DisplayName("PRS-3 watchlist changes beyond GATEWAY_PRESENCE_WATCH_CHANGES per window are RATE_LIMITED and change nothing")
  void watchChangesAreRateLimited() {
    PresenceHub limited = hub(Map.of("GATEWAY_PRESENCE_WATCH_CHANGES", "3", "GATEWAY_PRESENCE_WATCH_WINDOW", "PT10S"));
    clock.set(1_700_000_000_000L);
    FakeSession a = session(alice);
    watch(limited, a, add(bob.id, carol.id));
    ServerFrame.Error e = error(watch(limited, a, new ClientFrame.WatchPresence(List.of(bob.id), List.of(carol.id))),
        ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfterMs()).isEqualTo(10_000);
    assertThat(e.retryable()).isTrue();
    set(limited, session(carol), PresenceStatus.ONLINE, "");
    assertThat(state(a.next()).user()).as("carol is still watched").isEqualTo(carol.id);
    watch(limited, a, new ClientFrame.WatchPresence(List.of(), List.of(carol.id)));
    error(watch(limited, a, add(carol.id)), ErrorCode.RATE_LIMITED);
    clock.advance(Duration.ofSeconds(10));
    assertThat(watch(limited, a, add(carol.id))).isInstanceOf(ServerFrame.PresenceSnapshot.class);
  }

  @Test
  @DisplayName("PRS-3 SetPresence beyond GATEWAY_PRESENCE_SET_RATE per window is RATE_LIMITED")
  void presenceUpdatesAreRateLimited() {
    PresenceHub limited = hub(Map.of("GATEWAY_PRESENCE_SET_RATE", "2", "GATEWAY_PRESENCE_SET_WINDOW", "PT1M"));
    clock.set(1_700_000_080_000L);
    FakeSession b = session(bob);
    FakeSession a = session(alice);
    watch(limited, a, add(bob.id));
    set(limited, b, PresenceStatus.ONLINE, "");
    set(limited, b, PresenceStatus.AWAY, "");
    assertThat(error(set(limited, b, PresenceStatus.BUSY, ""), ErrorCode.RATE_LIMITED).retryAfterMs()).isEqualTo(20_000);
    assertThat(a.drained()).hasSize(2);
  }

  @Test
  @DisplayName("PRS-4 renewals and sweeps without a change push nothing; a re-subscribe gets a fresh snapshot")
  void noPeriodicSnapshots() {
    FakeSession a = session(alice);
    FakeSession b = session(bob);
    set(hub, b, PresenceStatus.BUSY, "call");
    watch(hub, a, add(bob.id));
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(30));
      b.lastReceivedMs = clock.millis();
      hub.renewRound().await();
      hub.sweepRound().await();
    }
    assertThat(a.drained()).isEmpty();
    ServerFrame again = watch(hub, a, add(bob.id));
    assertThat(((ServerFrame.PresenceSnapshot) again).states())
        .containsExactly(new ServerFrame.PresenceState(bob.id, PresenceStatus.BUSY, "call", null));
    assertThat(((ServerFrame.PresenceSnapshot) again).watching()).isEqualTo(1);
  }

  @Test
  @DisplayName("PRS-4 watchers of one user on one instance share one encoded push")
  void pushesAreEncodedOnce() {
    FakeSession a1 = session(alice);
    FakeSession a2 = session(alice);
    FakeSession c = session(carol);
    graph(carol.follow(bob), bob.follow(carol));
    watch(hub, a1, add(bob.id));
    watch(hub, a2, add(bob.id));
    watch(hub, c, add(bob.id));
    set(hub, session(bob), PresenceStatus.ONLINE, "");
    PresencePush p1 = a1.pushes.poll();
    assertThat(p1).isNotNull().isSameAs(a2.pushes.poll()).isSameAs(c.pushes.poll());
  }

  @Test
  @DisplayName("PRS-5 a silent device goes offline when its lease expires; a live one stays online")
  void leasesLiveWhileFramesArrive() {
    FakeSession a = session(alice);
    FakeSession b = session(bob);
    FakeSession c = session(carol);
    graph(carol.follow(bob), bob.follow(carol));
    watch(hub, a, add(bob.id, carol.id));
    set(hub, b, PresenceStatus.ONLINE, "");
    set(hub, c, PresenceStatus.ONLINE, "");
    a.drained();
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofSeconds(30));
      c.lastReceivedMs = clock.millis();
      hub.renewRound().await();
      hub.sweepRound().await();
    }
    ServerFrame.PresenceState bobOffline = state(a.next());
    assertThat(bobOffline).isEqualTo(new ServerFrame.PresenceState(bob.id, PresenceStatus.OFFLINE, "", LastSeen.JUST_NOW));
    assertThat(a.drained()).as("carol kept her lease").isEmpty();
  }

  @Test
  @DisplayName("PRS-5 a lease the store lost is set again at the next renewal")
  void lostLeasesAreSetAgain() {
    FakeSession a = session(alice);
    FakeSession b = session(bob);
    watch(hub, a, add(bob.id));
    set(hub, b, PresenceStatus.AWAY, "lunch");
    a.drained();
    store.release(b.device(), clock.millis()).await();
    assertThat(state(a.next()).status()).isEqualTo(PresenceStatus.OFFLINE);
    clock.advance(Duration.ofSeconds(1));
    b.lastReceivedMs = clock.millis();
    hub.renewRound().await();
    assertThat(state(a.next())).isEqualTo(new ServerFrame.PresenceState(bob.id, PresenceStatus.AWAY, "lunch", null));
  }

  @Test
  @DisplayName("PRS-5 a session that ends releases its lease at once; SetPresence OFFLINE does too")
  void endingASessionGoesOffline() {
    FakeSession a = session(alice);
    FakeSession b = session(bob);
    watch(hub, a, add(bob.id));
    set(hub, b, PresenceStatus.ONLINE, "");
    a.drained();
    b.closed = true;
    hub.detach(b).await();
    assertThat(state(a.next()).status()).isEqualTo(PresenceStatus.OFFLINE);
    FakeSession b2 = session(bob);
    set(hub, b2, PresenceStatus.ONLINE, "");
    a.drained();
    assertThat(set(hub, b2, PresenceStatus.OFFLINE, "ignored")).isEqualTo(new ServerFrame.PresenceLease(PresenceStatus.OFFLINE, "", 0));
    assertThat(state(a.next()).status()).isEqualTo(PresenceStatus.OFFLINE);
    assertThat(hub.sessionCount()).isEqualTo(2);
  }

  @Test
  @DisplayName("PRS-6 an invisible user looks offline to every watcher, old and new, with nothing of their activity")
  void invisibleLooksOffline() {
    FakeSession a = session(alice);
    FakeSession b = session(bob);
    watch(hub, a, add(bob.id));
    set(hub, b, PresenceStatus.ONLINE, "secret");
    a.drained();
    set(hub, b, PresenceStatus.INVISIBLE, "also secret");
    assertThat(state(a.next())).isEqualTo(new ServerFrame.PresenceState(bob.id, PresenceStatus.OFFLINE, "", LastSeen.JUST_NOW));
    graph(carol.follow(bob), bob.follow(carol));
    ServerFrame snapshot = watch(hub, session(carol), add(bob.id));
    assertThat(((ServerFrame.PresenceSnapshot) snapshot).states())
        .containsExactly(new ServerFrame.PresenceState(bob.id, PresenceStatus.OFFLINE, "", LastSeen.JUST_NOW));
  }

  @Test
  @DisplayName("PRS-7 a snapshot shows how long ago only as a bucket")
  void lastSeenIsABucket() {
    FakeSession b = session(bob);
    set(hub, b, PresenceStatus.ONLINE, "");
    hub.detach(b).await();
    clock.advance(Duration.ofHours(3));
    assertThat(((ServerFrame.PresenceSnapshot) watch(hub, session(alice), add(bob.id))).states().getFirst().lastSeen())
        .isEqualTo(LastSeen.TODAY);
    clock.advance(Duration.ofDays(2));
    assertThat(((ServerFrame.PresenceSnapshot) watch(hub, session(alice), add(bob.id))).states().getFirst().lastSeen())
        .isEqualTo(LastSeen.THIS_WEEK);
  }

  @Test
  @DisplayName("PRS-8 a block ends the watch in both directions and no later state is sent")
  void aBlockEndsTheWatch() {
    FakeSession a = session(alice);
    FakeSession b = session(bob);
    watch(hub, a, add(bob.id));
    watch(hub, b, add(alice.id));
    graph(bob.block(alice));
    assertThat(a.next()).isEqualTo(new ServerFrame.PresenceWatchEnded(bob.id));
    assertThat(b.next()).isEqualTo(new ServerFrame.PresenceWatchEnded(alice.id));
    set(hub, b, PresenceStatus.ONLINE, "");
    set(hub, a, PresenceStatus.ONLINE, "");
    assertThat(a.drained()).isEmpty();
    assertThat(b.drained()).isEmpty();
    error(watch(hub, a, add(bob.id)), ErrorCode.NOT_A_CONTACT);
  }

  @Test
  @DisplayName("PRS-8 an unfollow ends the watch")
  void anUnfollowEndsTheWatch() {
    FakeSession a = session(alice);
    watch(hub, a, add(carol.id));
    graph(alice.unfollow(carol));
    assertThat(a.next()).isEqualTo(new ServerFrame.PresenceWatchEnded(carol.id));
  }

  @Test
  @DisplayName("PRS-8 a block that lands while the contact check is in flight still refuses the watch")
  void aBlockRacingTheCheckWins() {
    Promise<List<Boolean>> check = Promise.promise();
    ContactsProjection slow = new ContactsProjection() {
      @Override public Future<Generation> open() { return projection.open(); }

      @Override public Future<ApplyOutcome> apply(String g, int p, long o, List<OffsetOp> ops) { return projection.apply(g, p, o, ops); }

      @Override public Future<List<Boolean>> areContacts(UserId user, List<UserId> others) { return check.future(); }
    };
    PresenceHub racing = new PresenceHub(PresenceConfig.defaultConfig(), clock, store, store.feed(), slow, limiter);
    projection.onFlip(racing::onFlip);
    FakeSession a = session(alice);
    Future<ServerFrame> pending = racing.watch(a, add(bob.id));
    graph(bob.block(alice));
    check.complete(List.of(true));
    error(pending.await(), ErrorCode.NOT_A_CONTACT);
    set(racing, session(bob), PresenceStatus.ONLINE, "");
    assertThat(a.drained()).isEmpty();
  }

  @Test
  @DisplayName("PRS-8 a block that lands while an already watched user is being re-added ends the watch for good")
  void aBlockRacingARefreshWins() {
    java.util.ArrayDeque<Promise<List<Boolean>>> checks = new java.util.ArrayDeque<>();
    ContactsProjection slow = new ContactsProjection() {
      @Override public Future<Generation> open() { return projection.open(); }

      @Override public Future<ApplyOutcome> apply(String g, int p, long o, List<OffsetOp> ops) { return projection.apply(g, p, o, ops); }

      @Override public Future<List<Boolean>> areContacts(UserId user, List<UserId> others) {
        Promise<List<Boolean>> p = Promise.promise();
        checks.add(p);
        return p.future();
      }
    };
    PresenceHub racing = new PresenceHub(PresenceConfig.defaultConfig(), clock, store, store.feed(), slow, limiter);
    projection.onFlip(racing::onFlip);
    FakeSession a = session(alice);
    Future<ServerFrame> first = racing.watch(a, add(bob.id));
    checks.poll().complete(List.of(true));
    assertThat(first.await()).isInstanceOf(ServerFrame.PresenceSnapshot.class);
    Future<ServerFrame> refresh = racing.watch(a, add(bob.id));
    graph(bob.block(alice));
    assertThat(a.next()).isEqualTo(new ServerFrame.PresenceWatchEnded(bob.id));
    checks.poll().complete(List.of());
    error(refresh.await(), ErrorCode.NOT_A_CONTACT);
    set(racing, session(bob), PresenceStatus.ONLINE, "");
    assertThat(a.drained()).isEmpty();
  }

  @Test
  @DisplayName("PRS-9 a change on one instance reaches watchers on another")
  void changesCrossInstances() {
    PresenceHub other = hub(Map.of());
    FakeSession a = session(alice);
    watch(hub, a, add(bob.id));
    set(other, session(bob), PresenceStatus.BUSY, "");
    assertThat(state(a.next()).status()).isEqualTo(PresenceStatus.BUSY);
  }

  @Test
  @DisplayName("PRS-12 an activity over GATEWAY_PRESENCE_MAX_ACTIVITY_BYTES is INVALID_ARGUMENT and sets nothing")
  void longActivitiesAreRefused() {
    PresenceHub strict = hub(Map.of("GATEWAY_PRESENCE_MAX_ACTIVITY_BYTES", "4"));
    FakeSession a = session(alice);
    watch(strict, a, add(bob.id));
    error(set(strict, session(bob), PresenceStatus.ONLINE, "12345"), ErrorCode.INVALID_ARGUMENT);
    assertThat(a.drained()).isEmpty();
  }

  @Test
  void aWatcherWhoseTransportFailsDoesNotStopTheOthers() {
    FakeSession broken = new FakeSession(alice.newDevice(), clock.millis()) {
      @Override public void push(PresencePush push) { throw new IllegalStateException("socket gone"); }
    };
    FakeSession fine = session(alice);
    watch(hub, broken, add(bob.id));
    watch(hub, fine, add(bob.id));
    set(hub, session(bob), PresenceStatus.ONLINE, "");
    assertThat(state(fine.next()).status()).isEqualTo(PresenceStatus.ONLINE);
  }

  @Test
  void aLostProjectionAnswersUnavailable() {
    projection.lose();
    FakeSession a = session(alice);
    assertThat(error(watch(hub, a, add(bob.id)), ErrorCode.UNAVAILABLE).retryable()).isTrue();
    generation = projection.open().await().id();
  }

  @Test
  void removingAndReaddingTheSameUserInOneRequestIsARefresh() {
    FakeSession a = session(alice);
    watch(hub, a, add(bob.id));
    ServerFrame refreshed = watch(hub, a, new ClientFrame.WatchPresence(List.of(bob.id), List.of(bob.id)));
    assertThat(((ServerFrame.PresenceSnapshot) refreshed).watching()).isEqualTo(1);
    set(hub, session(bob), PresenceStatus.ONLINE, "");
    assertThat(state(a.next()).status()).isEqualTo(PresenceStatus.ONLINE);
    assertThat(a.drained()).isEmpty();
  }
}
