package io.wya.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.cli.CliRunner;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Two users in one JVM (tests, a future multi-account client) work as they do in two processes:
/// bob listens in-process while alice's commands, each in-process too, invite him again and again.
/// (A hang was reported in this shape: alice's requests unanswered after one or two invitations
/// while bob's `listen` ran on a thread of the test JVM; ChatRecoveryEndToEndIT runs bob as a
/// process of his own, this class keeps the shape that was said to hang.)
class TwoUsersInOneJvmEndToEndIT {
  private static RunningSystem system;

  @TempDir Path dir;

  @BeforeAll static void start() { system = RunningSystem.shared(); }

  @Test void invitationsKeepWorkingWhileTheInviteeListensInTheSameJvm() throws Exception {
    // traced, so that a failing command shows which request went unanswered
    CliRunner alice = user("alice").env("WYA_TRACE", "1");
    CliRunner bob = user("bob");
    String bobId = bob.json(0, "whoami").get("id").asText();
    assertThat(bob.json(0, "chat", "keys").get("one_time").asInt()).isEqualTo(20);

    // twelve invitations while bob is offline leave 8 of his 20 packages: his listen starts with a
    // top-up (KeyPackagesLow after Ready, KP-10) that generates while alice goes on inviting
    for (int i = 1; i <= 12; i++) invite(alice, "offline-" + i, bobId);
    CliRunner.InProcess listening = bob.start("listen", "--count", "1", "--timeout", "120", "--json");
    // each claim while he listens may push KeyPackagesLow again: claims and refills overlap
    for (int i = 1; i <= 12; i++) invite(alice, "online-" + i, bobId);
    alice.json(0, "dm", bobId, "still", "works");

    CliRunner.Result listened = listening.await(Duration.ofSeconds(150));
    assertThat(listened.code()).as(listened.toString()).isZero();
    assertThat(listened.out()).contains("still works");
    assertThat(bob.json(0, "chat", "keys").get("one_time").asInt()).isEqualTo(20);
  }

  private static void invite(CliRunner alice, String room, String bobId) {
    CliRunner.Result created = alice.run("chat", "new", room, bobId, "--json");
    assertThat(created.code()).as("chat new " + room + "\n" + created).isZero();
  }

  private CliRunner user(String name) { return system.newUser(dir.resolve(name), name); }
}
