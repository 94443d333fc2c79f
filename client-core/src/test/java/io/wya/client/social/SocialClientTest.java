package io.wya.client.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.Progress;
import io.wya.client.identity.Identity;
import io.wya.client.identity.IdentityStore;
import io.wya.client.vault.KdfParams;
import io.wya.client.vault.KeySource;
import io.wya.client.vault.RecordStore;
import io.wya.client.vault.Vault;
import io.wya.polycentric.Opinion;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocialClientTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;
  private final InMemorySocialNode node = new InMemorySocialNode();
  private final MutableClock clock = new MutableClock();

  @Test void followeesPostsShowInTheFeedNewestFirstWithCounts() {
    SocialClient alice = user("alice");
    SocialClient bob = user("bob");
    bob.announce(Optional.of("bob"));
    bob.post("first");
    clock.advance();
    bob.post("second");
    alice.follow(bob.identity().system());
    alice.sync(Progress.NONE);

    List<FeedItem> feed = alice.feed(10, true);
    assertThat(feed).extracting(i -> i.post().text()).containsExactly("second", "first");
    assertThat(feed.getFirst().authorName()).contains("bob");

    alice.opinion(feed.getFirst().post(), Opinion.LIKE);
    alice.reply(feed.getFirst().post(), "nice");
    FeedItem liked = alice.feed(10, true).getFirst();
    assertThat(liked.counts()).contains(new SocialNode.ReferenceCounts(1, 0, 1));
    assertThat(liked.likedByMe()).isTrue();

    clock.advance();
    alice.opinion(feed.getFirst().post(), Opinion.NEUTRAL);
    assertThat(alice.feed(10, true).getFirst().counts()).contains(new SocialNode.ReferenceCounts(0, 0, 1));
  }

  @Test void aPublishWhileTheNodeIsDownIsKeptAndSentByTheNextSync() {
    SocialClient alice = user("alice");
    node.reachable = false;
    SocialClient.Published p = alice.post("offline thought");
    assertThat(p.delivered()).isFalse();
    assertThat(alice.ownLog().size()).isEqualTo(1);

    node.reachable = true;
    SocialClient.SyncReport report = alice.sync(Progress.NONE);
    assertThat(report.pushed()).isEqualTo(1);
    assertThat(node.events).containsKey(p.event().key());
  }

  @Test void clocksContinueAcrossRestartsOfTheClient() {
    Identity id = identity("alice");
    SocialClient first = client(id, "alice");
    long c1 = first.post("one").event().logicalClock();
    SocialClient second = client(id, "alice");
    long c2 = second.post("two").event().logicalClock();
    assertThat(c2).isEqualTo(c1 + 1);
    assertThat(second.me().posts()).extracting(Post::text).containsExactlyInAnyOrder("one", "two");
  }

  @Test void pullsInBatchesOfTwentyAndRemembersDeletedClocks() {
    SocialClient alice = user("alice");
    SocialClient bob = user("bob");
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      clock.advance();
      posts.add(SystemView.postOf(bob.post("post " + i).event()).orElseThrow());
    }
    bob.publish(a -> a.delete(posts.get(3).event()));
    alice.follow(bob.identity().system());
    node.eventRequestSizes.clear();

    alice.sync(Progress.NONE);
    assertThat(node.eventRequestSizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(SocialSync.BATCH));
    assertThat(alice.feed(100, false)).hasSize(44).extracting(i -> i.post().text()).doesNotContain("post 3");

    node.eventRequestSizes.clear();
    alice.sync(Progress.NONE);
    assertThat(node.eventRequestSizes).as("nothing left to ask for, not even the deleted clock").isEmpty();
  }

  @Test void unfollowAndBlockRemoveAFolloweeFromTheFeed() {
    SocialClient alice = user("alice");
    SocialClient bob = user("bob");
    SocialClient carol = user("carol");
    bob.post("from bob");
    carol.post("from carol");
    alice.follow(bob.identity().system());
    clock.advance();
    alice.follow(carol.identity().system());
    alice.sync(Progress.NONE);
    assertThat(alice.feed(10, false)).hasSize(2);

    clock.advance();
    alice.unfollow(bob.identity().system());
    alice.block(carol.identity().system());
    assertThat(alice.followees()).isEmpty();
    assertThat(alice.feed(10, false)).isEmpty();
  }

  @Test void postsAreFoundByShortIdOrPointer() {
    SocialClient alice = user("alice");
    Post p = SystemView.postOf(alice.post("findable").event()).orElseThrow();
    assertThat(alice.findPost(p.id()).text()).isEqualTo("findable");
    assertThat(alice.findPost(io.wya.polycentric.Base64Url.encode(p.pointer().toProto().toByteArray())).text()).isEqualTo("findable");
    assertThatThrownBy(() -> alice.findPost("ffffffffff"))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.error()).isEqualTo(ClientError.NOT_FOUND));
  }

  @Test void oversizedPostsAreRefusedBeforeSigning() {
    SocialClient alice = user("alice");
    assertThatThrownBy(() -> alice.post("x".repeat(SocialClient.MAX_POST_BYTES + 1)))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.error()).isEqualTo(ClientError.INVALID_ARGUMENT));
    assertThat(alice.ownLog().size()).isZero();
  }

  private SocialClient user(String name) { return client(identity(name), name); }

  private Identity identity(String name) { return new IdentityStore(store(name)).create(RANDOM, clock); }

  private SocialClient client(Identity identity, String name) {
    return new SocialClient(identity, store(name), node, URI.create("http://node.test"), clock);
  }

  private RecordStore store(String name) {
    Path home = dir.resolve(name);
    Vault vault = Vault.exists(home) ? Vault.open(home, () -> new char[0], RANDOM)
        : createVault(home);
    return new RecordStore(home.resolve("store"), vault.box("store"));
  }

  private static Vault createVault(Path home) {
    try {
      java.nio.file.Files.createDirectories(home);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Vault.create(home, new KeySource.GeneratedKeyFile(), KdfParams.DEFAULT, RANDOM);
  }

  /// A clock that moves only when told to, so LWW order in the tests is the order they write.
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-30T12:00:00Z");

    void advance() { now = now.plus(Duration.ofSeconds(1)); }

    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(java.time.ZoneId zone) { return this; }

    @Override public Instant instant() { return now; }
  }
}
