package io.wya.cli.e2e;

import static io.wya.cli.e2e.ChatLines.senders;
import static io.wya.cli.e2e.ChatLines.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.cli.CliRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Two and three users, each with their own home, chat through the real gateway with `wya`.
class ChatEndToEndIT {
  private static RunningSystem system;

  @TempDir Path dir;

  @BeforeAll static void start() { system = RunningSystem.shared(); }

  @Test void aDmArrivesDecryptedAndInOrderAfterTheReceiverWasOffline() {
    CliRunner alice = user("alice");
    CliRunner bob = user("bob");
    String aliceId = id(alice);
    String bobId = id(bob);
    bob.json(0, "chat", "list");

    alice.json(0, "dm", bobId, "hello", "bob");
    alice.json(0, "send", "@" + bobId, "second");
    alice.json(0, "send", "@" + bobId, "third");

    JsonNode conversation = bob.json(0, "read").get("conversations").get(0);
    assertThat(conversation.get("direct").asBoolean()).isTrue();
    assertThat(conversation.get("peer").asText()).isEqualTo(aliceId);
    assertThat(texts(conversation)).containsExactly("hello bob", "second", "third");
    assertThat(senders(conversation)).containsOnly(aliceId);

    bob.json(0, "send", "@" + aliceId, "hi alice");
    JsonNode back = alice.json(0, "read", "@" + bobId).get("conversations").get(0);
    assertThat(texts(back)).containsExactly("hello bob", "second", "third", "hi alice");
    assertThat(alice.run("read", "@" + bobId).out()).contains("you: hello bob").contains(": hi alice");
  }

  @Test void aRoomOfThreeKeepsOrderAndSurvivesRestarts() {
    CliRunner alice = user("alice");
    CliRunner bob = user("bob");
    CliRunner carol = user("carol");
    bob.json(0, "chat", "list");
    carol.json(0, "chat", "list");

    String room = alice.json(0, "chat", "new", "tea").get("id").asText();
    alice.json(0, "invite", "tea", id(bob));
    alice.json(0, "invite", room.substring(0, 8), id(carol));
    for (int i = 1; i <= 5; i++) alice.json(0, "send", "tea", "message " + i);

    JsonNode atBob = bob.json(0, "read", "tea").get("conversations").get(0);
    assertThat(atBob.get("name").asText()).isEqualTo("tea");
    assertThat(texts(atBob)).containsExactly("message 1", "message 2", "message 3", "message 4", "message 5");
    assertThat(texts(carol.json(0, "read", "tea").get("conversations").get(0)))
        .containsExactly("message 1", "message 2", "message 3", "message 4", "message 5");

    carol.json(0, "send", "tea", "from carol");
    // every command is a new process on the same home: bob's groups came back from his encrypted state
    assertThat(texts(bob.json(0, "read", "tea").get("conversations").get(0))).endsWith("from carol");
    assertThat(texts(alice.json(0, "read", "tea").get("conversations").get(0))).endsWith("message 5", "from carol");
    assertThat(bob.json(0, "chat", "list").get("conversations")).extracting(c -> c.get("name").asText()).containsExactly("tea");
  }

  @Test void listenInItsOwnProcessPrintsMessagesLiveOverSse() throws Exception {
    CliRunner alice = user("alice");
    CliRunner bob = user("bob").env("WYA_GATEWAY_TRANSPORT", "sse");
    bob.json(0, "chat", "list");
    alice.json(0, "dm", id(bob), "before listening");

    CliRunner.Launched listening = bob.launch("listen", "--count", "3", "--timeout", "90", "--json");
    waitUntilListening(bob);
    alice.json(0, "send", "@" + id(bob), "live one");
    alice.json(0, "send", "@" + id(bob), "live two");
    CliRunner.Result result = listening.await(java.time.Duration.ofSeconds(120));
    assertThat(result.code()).as(result.toString()).isZero();
    List<String> texts = new ArrayList<>();
    for (String line : result.out().strip().split("\n")) {
      JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
      if (!json.get("system").asBoolean()) texts.add(json.get("text").asText());
    }
    assertThat(texts).containsExactly("before listening", "live one", "live two");
    assertThat(result.err()).contains("live (SSE)");
  }

  /// `listen` holds the home's session lock from the moment it connects.
  private static void waitUntilListening(CliRunner listener) throws Exception {
    Path lock = listener.home().resolve("session.lock");
    for (int i = 0; i < 900; i++) {
      if (java.nio.file.Files.exists(lock) && java.nio.file.Files.readString(lock).contains("wya-cli")) return;
      Thread.sleep(100);
    }
    throw new AssertionError("listen never started");
  }



  private static String id(CliRunner user) { return user.json(0, "whoami").get("id").asText(); }

  private CliRunner user(String name) { return system.newUser(dir.resolve(name), name); }
}
