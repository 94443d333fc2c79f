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

/// The gateway restarts under a running `wya tui`: the state line says so, what the person typed
/// meanwhile waits as "sending: …" and goes out once, and messages flow again.
class TuiReconnectEndToEndIT {
  private static RunningSystem system;

  @TempDir Path dir;

  @BeforeAll static void start() {
    Assumptions.assumeTrue(Tmux.available(), "tmux is not installed (" + Tmux.BINARY + "): the TUI test is skipped");
    system = RunningSystem.shared();
  }

  @Test void theStateLineShowsTheReconnectAndMessagesResume() throws Exception {
    CliRunner alice = user("alice");
    CliRunner bob = user("bob");
    bob.json(0, "chat", "list");
    alice.json(0, "chat", "new", "tea", bob.json(0, "whoami").get("id").asText());
    alice.json(0, "send", "tea", "before the restart");

    Path launcher = Path.of(System.getProperty("wya.repo.root", ".")).resolve("cli/target/wya").toAbsolutePath();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LANG", "C.UTF-8");
    env.put("TERM", "xterm-256color");
    env.put("WYA_SOCIAL_URL", system.socialUrl().toString());
    env.put("WYA_GATEWAY_URL", system.gatewayUrl().toString());
    try (Tmux terminal = Tmux.start(100, 30, env, List.of(launcher.toString(), "--home", bob.home().toString(), "tui"))) {
      terminal.waitFor("gateway: live", 90);
      terminal.waitFor("before the restart", 60);

      system.stopApp(RunningSystem.GATEWAY);
      try {
        terminal.waitFor("reconnecting", 60);
        terminal.type("typed while away");
        terminal.keys("Enter");
        terminal.waitFor("sending: typed while away", 30);
      } finally {
        system.startApp(RunningSystem.GATEWAY);
      }
      terminal.waitFor("gateway: live", 90);
      terminal.waitFor("you: typed while away", 60);

      alice.json(0, "send", "tea", "after the restart");
      terminal.waitFor("after the restart", 60);
      assertThat(texts(alice.json(0, "read", "tea"))).containsExactly("before the restart", "typed while away", "after the restart");
      terminal.keys("C-c");
    }
  }


  private CliRunner user(String name) { return system.newUser(dir.resolve(name), name); }
}
