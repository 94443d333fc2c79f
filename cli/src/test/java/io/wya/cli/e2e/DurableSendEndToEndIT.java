package io.wya.cli.e2e;

import static io.wya.cli.e2e.ChatLines.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A message is saved on the sender's device before it goes out (decisions/0504): neither a
/// gateway that is away nor a process killed after the person hit enter loses it, and the
/// receiver gets each message exactly once.
class DurableSendEndToEndIT {
  private static RunningSystem system;

  @TempDir Path dir;

  @BeforeAll static void start() { system = RunningSystem.shared(); }

  @Test void messagesWrittenWhileTheGatewayIsAwayOrByAKilledProcessArriveExactlyOnce() throws Exception {
    CliRunner alice = user("alice");
    CliRunner bob = user("bob");
    String bobId = id(bob);
    bob.json(0, "chat", "list");
    alice.json(0, "dm", bobId, "hello");

    system.stopApp(RunningSystem.GATEWAY);
    try {
      JsonNode queued = alice.json(5, "send", "@" + bobId, "while", "away", "--wait", "1");
      assertThat(queued.get("pending").asBoolean()).isTrue();

      // a second sender dies after the message was saved: nothing ever reached the gateway
      CliRunner.Launched dying = alice.launch("send", "@" + bobId, "killed", "--wait", "120");
      awaitOutbox(alice, 2);
      dying.process().destroyForcibly().waitFor();

      JsonNode offline = alice.json(0, "read", "@" + bobId, "--offline").get("conversations").get(0);
      assertThat(texts(offline, true)).containsExactly("while away", "killed");
      assertThat(alice.run("read", "@" + bobId, "--offline").out()).contains("you: while away  (pending)");
    } finally {
      system.startApp(RunningSystem.GATEWAY);
    }

    // any command that connects sends what is queued, in order, once
    JsonNode atAlice = alice.json(0, "read", "@" + bobId).get("conversations").get(0);
    assertThat(texts(atAlice, true)).isEmpty();
    assertThat(texts(atAlice, false)).containsExactly("hello", "while away", "killed");
    assertThat(texts(bob.json(0, "read").get("conversations").get(0), false)).containsExactly("hello", "while away", "killed");
    assertThat(Files.list(alice.home().resolve("store/chat/outbox")).count()).isZero();
  }

  private static void awaitOutbox(CliRunner user, int entries) throws InterruptedException {
    Path outbox = user.home().resolve("store/chat/outbox");
    for (int i = 0; i < 1200; i++) {
      try (var files = Files.list(outbox)) {
        if (files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".rec") && !n.startsWith(".")).count() >= entries) return;
      } catch (java.io.IOException e) {
        // not created yet
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the launched send never saved its message");
  }

  /// The message texts of a conversation: those still pending, or those sent.

  private static String id(CliRunner user) { return user.json(0, "whoami").get("id").asText(); }

  private CliRunner user(String name) { return system.newUser(dir.resolve(name), name); }

}
