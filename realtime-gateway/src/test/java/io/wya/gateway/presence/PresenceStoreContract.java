package io.wya.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.protocol.UserId;
import io.wya.gateway.testing.ManualClock;
import io.wya.gateway.testing.Person;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The behaviour every [PresenceStore] (with its [PresenceFeed]) must have; times come from a
/// manual clock, so expiry is exact.
abstract class PresenceStoreContract {
  protected static final long TTL = 90_000;
  protected final ManualClock clock = new ManualClock(1_700_000_000_000L);
  protected final Person alice = Person.named("alice", clock);
  protected final Person sentinel = Person.named("sentinel", clock);
  private final LinkedBlockingQueue<PresenceChange> changes = new LinkedBlockingQueue<>();
  protected PresenceStore store;
  private DeviceKey laptop;
  private DeviceKey phone;

  protected abstract PresenceStore newStore();

  protected abstract PresenceFeed newFeed();

  @BeforeEach
  void setUp() {
    store = newStore();
    PresenceFeed feed = newFeed();
    feed.onChange(changes::add);
    feed.follow(alice.id).await();
    feed.follow(sentinel.id).await();
    laptop = alice.newDevice();
    phone = alice.newDevice();
  }

  private PresenceChange next() throws InterruptedException {
    PresenceChange c = changes.poll(10, TimeUnit.SECONDS);
    assertThat(c).as("a change was published").isNotNull();
    return c;
  }

  /// Proves that nothing was published for alice: a change of another user, published after,
  /// is the next to arrive (one subscriber connection keeps the publish order).
  private void assertNothingPublished() throws InterruptedException {
    DeviceKey s = sentinel.newDevice();
    store.set(s, PresenceStatus.ONLINE, "", clock.millis(), clock.millis() + TTL).await();
    assertThat(next().user()).isEqualTo(sentinel.id);
    store.release(s, clock.millis()).await();
    assertThat(next().user()).isEqualTo(sentinel.id);
  }

  private PresenceView view(UserId user) { return store.views(List.of(user)).await().getFirst(); }

  private void set(DeviceKey d, PresenceStatus s, String activity) {
    store.set(d, s, activity, clock.millis(), clock.millis() + TTL).await();
  }

  @Test
  @DisplayName("PRS-5 a lease makes its user online, and the change is published to followers")
  void aLeasePublishesTheView() throws Exception {
    set(laptop, PresenceStatus.ONLINE, "coding");
    PresenceChange c = next();
    assertThat(c.user()).isEqualTo(alice.id);
    assertThat(c.view().status()).isEqualTo(PresenceStatus.ONLINE);
    assertThat(c.view().activity()).isEqualTo("coding");
    assertThat(view(alice.id)).isEqualTo(c.view());
  }

  @Test
  @DisplayName("PRS-4 a change of a lease that does not change what is shown publishes nothing")
  void onlyShownChangesArePublished() throws Exception {
    set(laptop, PresenceStatus.ONLINE, "");
    next();
    clock.advance(Duration.ofSeconds(1));
    set(phone, PresenceStatus.AWAY, "");
    set(laptop, PresenceStatus.ONLINE, "");
    assertNothingPublished();
    store.release(laptop, clock.millis()).await();
    assertThat(next().view().status()).isEqualTo(PresenceStatus.AWAY);
  }

  @Test
  @DisplayName("PRS-5 versions only grow")
  void versionsGrow() throws Exception {
    set(laptop, PresenceStatus.ONLINE, "");
    long v1 = next().view().version();
    set(laptop, PresenceStatus.BUSY, "");
    long v2 = next().view().version();
    set(laptop, PresenceStatus.AWAY, "");
    long v3 = next().view().version();
    assertThat(v1).isLessThan(v2);
    assertThat(v2).isLessThan(v3);
  }

  @Test
  @DisplayName("PRS-6 invisible shows the user offline, last seen when they turned invisible, and it stays so")
  void invisibleLooksOffline() throws Exception {
    set(laptop, PresenceStatus.ONLINE, "secret");
    next();
    clock.advance(Duration.ofMinutes(3));
    long hidAt = clock.millis();
    set(phone, PresenceStatus.INVISIBLE, "");
    PresenceView hidden = next().view();
    assertThat(hidden.status()).isEqualTo(PresenceStatus.OFFLINE);
    assertThat(hidden.activity()).isEmpty();
    assertThat(hidden.lastSeenMs()).isEqualTo(hidAt);
    clock.advance(Duration.ofHours(2));
    store.release(phone, clock.millis()).await();
    store.release(laptop, clock.millis()).await();
    assertNothingPublished();
    assertThat(view(alice.id).lastSeenMs()).as("going really offline later reveals nothing new").isEqualTo(hidAt);
  }

  @Test
  @DisplayName("PRS-5 releasing the last lease shows the user offline, last seen now")
  void releaseGoesOffline() throws Exception {
    set(laptop, PresenceStatus.ONLINE, "");
    next();
    clock.advance(Duration.ofSeconds(5));
    store.release(laptop, clock.millis()).await();
    PresenceView v = next().view();
    assertThat(v.status()).isEqualTo(PresenceStatus.OFFLINE);
    assertThat(v.lastSeenMs()).isEqualTo(clock.millis());
    assertThat(view(alice.id).lastSeenMs()).isEqualTo(clock.millis());
  }

  @Test
  @DisplayName("PRS-5 a lease nobody renews expires, and the sweep announces the user offline")
  void unrenewedLeasesExpire() throws Exception {
    set(laptop, PresenceStatus.ONLINE, "");
    next();
    clock.advance(Duration.ofMillis(TTL - 1));
    assertThat(store.sweep(clock.millis(), 100).await()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(store.sweep(clock.millis(), 100).await()).isEqualTo(1);
    PresenceView v = next().view();
    assertThat(v.status()).isEqualTo(PresenceStatus.OFFLINE);
    assertThat(v.lastSeenMs()).isEqualTo(clock.millis());
    assertThat(store.sweep(clock.millis(), 100).await()).isZero();
  }

  @Test
  @DisplayName("PRS-5 a renewal extends a lease without publishing; a lease that is gone says so")
  void renewalsExtend() throws Exception {
    set(laptop, PresenceStatus.BUSY, "call");
    next();
    long start = clock.millis();
    assertThat(store.renew(List.of(new PresenceStore.Renewal(laptop, start + 2 * TTL), new PresenceStore.Renewal(phone, start + TTL)))
        .await()).containsExactly(true, false);
    clock.advance(Duration.ofMillis(TTL + 1));
    assertThat(store.sweep(clock.millis(), 100).await()).isZero();
    assertNothingPublished();
    assertThat(view(alice.id).status()).isEqualTo(PresenceStatus.BUSY);
    assertThat(store.renew(List.of(new PresenceStore.Renewal(laptop, start + 10))).await()).as("never shortens").containsExactly(true);
    clock.set(start + 2 * TTL);
    assertThat(store.sweep(clock.millis(), 100).await()).isEqualTo(1);
    assertThat(next().view().status()).isEqualTo(PresenceStatus.OFFLINE);
  }

  @Test
  @DisplayName("PRS-5 one sweep call collects at most GATEWAY_PRESENCE_SWEEP_BATCH leases")
  void sweepsAreBounded() {
    for (int i = 0; i < 3; i++) set(Person.named("u" + i, clock).newDevice(), PresenceStatus.ONLINE, "");
    clock.advance(Duration.ofMillis(TTL));
    assertThat(store.sweep(clock.millis(), 2).await()).isEqualTo(2);
    assertThat(store.sweep(clock.millis(), 2).await()).isEqualTo(1);
    assertThat(store.sweep(clock.millis(), 2).await()).isZero();
  }

  @Test
  void aUserNeverSeenIsUnknown() {
    assertThat(view(Person.named("stranger", clock).id)).isEqualTo(PresenceView.UNKNOWN);
    store.release(alice.newDevice(), clock.millis()).await();
    assertThat(view(alice.id)).isEqualTo(PresenceView.UNKNOWN);
  }

  @Test
  void activitiesMayContainTheSeparator() throws Exception {
    set(laptop, PresenceStatus.ONLINE, "a|b|c");
    assertThat(next().view().activity()).isEqualTo("a|b|c");
    assertThat(view(alice.id).activity()).isEqualTo("a|b|c");
  }
}
