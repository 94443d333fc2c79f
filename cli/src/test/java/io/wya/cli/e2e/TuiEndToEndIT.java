package io.wya.cli.e2e;

import static io.wya.cli.e2e.ChatLines.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.wya.cli.CliRunner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `wya tui` in a real terminal (tmux), driven by keys: open a room, send, see the reply.
class TuiEndToEndIT {
  private static RunningSystem system;

  @TempDir Path dir;

  @BeforeAll static void start() {
    Assumptions.assumeTrue(Tmux.available(), "tmux is not installed (" + Tmux.BINARY + "): the TUI test is skipped");
    system = RunningSystem.shared();
  }

  @Test void openARoomSendAndSeeTheReply() throws Exception {
    CliRunner alice = user("alice");
    CliRunner bob = user("bob");
    String bobId = bob.json(0, "whoami").get("id").asText();
    bob.json(0, "chat", "list");
    alice.json(0, "chat", "new", "tea");
    alice.json(0, "invite", "tea", bobId);
    alice.json(0, "send", "tea", "welcome to tea");

    Path launcher = Path.of(System.getProperty("wya.repo.root", ".")).resolve("cli/target/wya").toAbsolutePath();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LANG", "C.UTF-8");
    env.put("TERM", "xterm-256color");
    env.put("WYA_SOCIAL_URL", system.socialUrl().toString());
    env.put("WYA_GATEWAY_URL", system.gatewayUrl().toString());
    try (Tmux terminal = Tmux.start(100, 30, env, List.of(launcher.toString(), "--home", bob.home().toString(), "tui"))) {
      terminal.waitFor("gateway: live", 90);
      String screen = terminal.waitFor("welcome to tea", 60);
      assertThat(screen).contains("#tea");

      // the feed is above the conversations: Down moves back onto the room, as a person would
      terminal.keys("Up");
      terminal.waitFor("> Feed", 10);
      terminal.keys("Down");
      terminal.waitFor("> #tea", 10);
      terminal.type("hello from the terminal");
      terminal.keys("Enter");
      terminal.waitFor("you: hello from the terminal", 60);

      assertThat(texts(alice.json(0, "read", "tea"))).contains("hello from the terminal");
      alice.json(0, "send", "tea", "nice to see you, bob");
      String after = terminal.waitFor("nice to see you, bob", 60);
      assertThat(after.indexOf("hello from the terminal")).isLessThan(after.indexOf("nice to see you, bob"));

      terminal.keys("C-c");
      for (int i = 0; i < 100 && terminal.alive(); i++) Thread.sleep(100);
      assertThat(terminal.alive()).as("Ctrl-C ends the TUI").isFalse();
    }
  }


  private CliRunner user(String name) { return system.newUser(dir.resolve(name), name); }
}
