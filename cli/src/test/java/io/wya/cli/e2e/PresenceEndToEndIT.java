package io.wya.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wya.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Presence between two contacts through the real social node (follows → Kafka → the gateway's
/// contacts projection) and gateway: the watcher sees the other user go online, then offline.
class PresenceEndToEndIT {
  private static RunningSystem system;

  @TempDir Path dir;

  @BeforeAll static void start() { system = RunningSystem.shared(); }

  @Test void aWatcherSeesAContactGoOnlineThenOffline() throws Exception {
    CliRunner alice = user("alice");
    CliRunner bob = user("bob");
    String aliceId = alice.json(0, "whoami").get("id").asText();
    String bobId = bob.json(0, "whoami").get("id").asText();
    alice.json(0, "follow", bobId, "--as", "bob");
    bob.json(0, "follow", aliceId, "--as", "alice");

    // alice watches bob (a new follow reaches the gateway's projection within seconds)
    CliRunner.Launched watching = alice.launch("presence", "watch", "bob", "--count", "2", "--timeout", "120",
        "--wait-contact", "60", "--json");
    waitForLines(watching.out(), 1, Duration.ofSeconds(90));
    JsonNode first = lines(watching.out()).getFirst();
    assertThat(first.has("status")).as("first line of presence watch: %s; stderr: %s", first,
        java.nio.file.Files.readString(watching.err())).isTrue();
    assertThat(first.get("status").asText()).isEqualTo("OFFLINE");

    // bob comes online for a while, then his session ends: his lease ends with it (PRS-5)
    CliRunner.Result held = bob.launch("presence", "set", "online", "--hold", "--timeout", "8").await(Duration.ofSeconds(60));
    assertThat(held.code()).as(held.toString()).isZero();

    CliRunner.Result result = watching.await(Duration.ofSeconds(120));
    assertThat(result.code()).as(result.toString()).isZero();
    List<String> statuses = new ArrayList<>();
    for (JsonNode line : lines(watching.out())) if (line.get("kind").asText().equals("changed")) statuses.add(line.get("status").asText());
    assertThat(statuses).containsExactly("ONLINE", "OFFLINE");
  }

  private static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) if (!line.isBlank()) out.add(new ObjectMapper().readTree(line));
    return out;
  }

  private static void waitForLines(Path file, int n, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(file) && lines(file).size() >= n) return;
      Thread.sleep(200);
    }
    throw new AssertionError("presence watch printed nothing in " + timeout);
  }

  private CliRunner user(String name) { return system.newUser(dir.resolve(name), name); }
}
