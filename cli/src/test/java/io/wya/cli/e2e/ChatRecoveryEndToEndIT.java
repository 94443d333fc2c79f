package io.wya.cli.e2e;

import static io.wya.cli.e2e.ChatLines.systemLines;
import static io.wya.cli.e2e.ChatLines.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A device keeps working through what wears chat down: a KeyPackage pool drained by invitations
/// is topped up (decisions/0505), and a device whose group state is lost rejoins by an external
/// Commit (decisions/0506).
class ChatRecoveryEndToEndIT {
  private static RunningSystem system;

  @TempDir Path dir;

  @BeforeAll static void start() { system = RunningSystem.shared(); }

  @Test void aKeyPackagePoolDrainedByInvitationsIsToppedUpWhileTheDeviceListens() throws Exception {
    CliRunner alice = user("alice");
    CliRunner bob = user("bob");
    String bobId = id(bob);
    JsonNode full = bob.json(0, "chat", "keys");
    assertThat(full.get("one_time").asInt()).isEqualTo(20);
    assertThat(full.get("last_resort").asBoolean()).isTrue();

    CliRunner.Launched listening = bob.launch("listen", "--count", "1", "--timeout", "120", "--json");
    // eleven invitations take eleven one-time packages: the pool (20) falls below the gateway's low watermark (10)
    for (int i = 1; i <= 11; i++) alice.json(0, "chat", "new", "room-" + i, bobId);
    alice.json(0, "dm", bobId, "still", "works");

    CliRunner.Result listened = listening.await(java.time.Duration.ofSeconds(150));
    assertThat(listened.code()).as(listened.toString()).isZero();
    assertThat(listened.out()).contains("still works");
    JsonNode after = bob.json(0, "chat", "keys");
    // without the top-up on KeyPackagesLow the pool would have been 20 - 12 = 8 when this session started
    assertThat(after.get("found_one_time").asInt()).isGreaterThanOrEqualTo(10);
    assertThat(after.get("one_time").asInt()).isEqualTo(20);
  }

  @Test void aDeviceThatLostItsGroupStateRejoinsAndMessagesFlowBothWays() throws Exception {
    CliRunner alice = user("alice");
    CliRunner bob = user("bob");
    bob.json(0, "chat", "list");
    String room = alice.json(0, "chat", "new", "tea", id(bob)).get("id").asText();
    alice.json(0, "send", "tea", "before");
    assertThat(texts(bob.json(0, "read", "tea"))).containsExactly("before");

    Path state = bob.home().resolve("mls/group." + room + ".wya");
    assertThat(state).exists();
    Files.write(state, "not an encrypted group state".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    alice.json(0, "send", "tea", "while lost");

    JsonNode broken = bob.json(0, "read", "tea").get("conversations").get(0);
    assertThat(broken.get("status").asText()).isEqualTo("BROKEN");
    assertThat(systemLines(broken)).anySatisfy(l -> assertThat(l).contains("wya chat rejoin"));
    assertThat(bob.run("send", "tea", "too early").code()).isNotZero();

    bob.json(0, "chat", "rejoin", "tea");
    bob.json(0, "send", "tea", "back again");
    assertThat(texts(alice.json(0, "read", "tea"))).containsExactly("before", "while lost", "back again");
    alice.json(0, "send", "tea", "welcome back");
    JsonNode rejoined = bob.json(0, "read", "tea").get("conversations").get(0);
    assertThat(rejoined.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(texts(rejoined)).containsExactly("before", "back again", "welcome back");
  }



  private static String id(CliRunner user) { return user.json(0, "whoami").get("id").asText(); }

  private CliRunner user(String name) { return system.newUser(dir.resolve(name), name); }
}
