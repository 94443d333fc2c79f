package io.wya.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.cli.CliRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Three users, each with their own home, drive `wya` against the real social node.
class SocialEndToEndIT {
  private static RunningSystem system;

  @TempDir Path dir;

  @BeforeAll static void start() { system = RunningSystem.shared(); }

  @Test void followFeedLikeAndReplyBetweenThreeUsers() {
    CliRunner alice = user("alice");
    CliRunner bob = user("bob");
    CliRunner carol = user("carol");
    String bobId = bob.json(0, "whoami").get("id").asText();

    bob.json(0, "profile", "--description", "bob's corner");
    String postId = bob.json(0, "post", "hello", "from", "bob").get("id").asText();
    assertThat(alice.json(0, "feed").get("posts")).isEmpty();

    alice.json(0, "follow", bobId, "--as", "bobby");
    JsonNode feed = alice.json(0, "feed");
    assertThat(feed.get("posts")).hasSize(1);
    JsonNode post = feed.get("posts").get(0);
    assertThat(post.get("id").asText()).isEqualTo(postId);
    assertThat(post.get("text").asText()).isEqualTo("hello from bob");
    assertThat(post.get("author_name").asText()).isEqualTo("bob");
    assertThat(post.get("likes").asLong()).isZero();

    carol.json(0, "follow", bobId);
    carol.json(0, "feed");
    carol.json(0, "like", postId);
    alice.json(0, "like", postId);
    alice.json(0, "reply", postId, "hi", "bob");
    JsonNode counted = alice.json(0, "feed").get("posts").get(0);
    assertThat(counted.get("likes").asLong()).isEqualTo(2);
    assertThat(counted.get("replies").asLong()).isEqualTo(1);
    assertThat(counted.get("liked_by_me").asBoolean()).isTrue();
    assertThat(alice.run("feed").out()).contains("bob").contains("hello from bob").contains("♥ 2");

    carol.json(0, "like", postId, "--undo");
    assertThat(alice.json(0, "feed").get("posts").get(0).get("likes").asLong()).isEqualTo(1);

    JsonNode profile = alice.json(0, "profile", "bobby");
    assertThat(profile.get("name").asText()).isEqualTo("bob");
    assertThat(profile.get("description").asText()).isEqualTo("bob's corner");

    alice.json(0, "unfollow", "bobby");
    assertThat(alice.json(0, "feed").get("posts")).isEmpty();
  }

  @Test void aPostWrittenWhileTheNodeIsUnreachableIsSentByTheNextSync() {
    CliRunner dave = user("dave");
    CliRunner erin = user("erin");
    String daveId = dave.json(0, "whoami").get("id").asText();
    erin.json(0, "follow", daveId);

    CliRunner.Result offline = dave.run("post", "written on a train", "--social-url", "http://127.0.0.1:1", "--json");
    assertThat(offline.code()).isEqualTo(5);
    assertThat(offline.lastJson().get("delivered").asBoolean()).isFalse();
    assertThat(erin.json(0, "feed").get("posts")).isEmpty();

    assertThat(dave.json(0, "sync").get("pushed").asInt()).isEqualTo(1);
    assertThat(erin.json(0, "feed").get("posts").get(0).get("text").asText()).isEqualTo("written on a train");
  }

  @Test void theFirstSyncOfALargeFeedShowsProgress() {
    CliRunner frank = user("frank");
    CliRunner grace = user("grace");
    List<String> posts = new ArrayList<>();
    for (int i = 0; i < 45; i++) posts.add("post number " + i);
    for (String p : posts) frank.json(0, "post", p);
    grace.json(0, "follow", frank.json(0, "whoami").get("id").asText());

    CliRunner.Result first = grace.run("feed", "--limit", "50", "--no-counts");
    assertThat(first.code()).isZero();
    assertThat(first.err()).containsPattern("sync \\S+: \\d+ to fetch").containsPattern("sync \\S+: done \\(4\\d\\)");
    assertThat(first.out()).contains("post number 44").contains("post number 0");
    assertThat(grace.run("feed", "--no-counts").err()).doesNotContain("to fetch");
  }

  @Test void aBlockedUserDisappearsFromTheFeed() {
    CliRunner heidi = user("heidi");
    CliRunner ivan = user("ivan");
    String ivanId = ivan.json(0, "whoami").get("id").asText();
    ivan.json(0, "post", "ivan was here");
    heidi.json(0, "follow", ivanId);
    assertThat(heidi.json(0, "feed").get("posts")).hasSize(1);
    heidi.json(0, "block", ivanId);
    assertThat(heidi.json(0, "feed").get("posts")).isEmpty();
    JsonNode contacts = heidi.json(0, "contacts").get("contacts");
    assertThat(contacts.get(0).get("blocked").asBoolean()).isTrue();
  }

  private CliRunner user(String name) { return system.newUser(dir.resolve(name), name); }
}
