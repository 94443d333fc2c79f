package io.wya.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.client.home.WyaHome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
  @TempDir Path dir;

  @Test void everyCommandHasHelp() {
    List<List<String>> paths = new ArrayList<>();
    collect(new CommandLine(new WyaCommand(new Cli(Map.of(), System.in, System.out, System.err, null, null, null))), new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(10);
    CliRunner wya = new CliRunner(dir.resolve("h"));
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliRunner.Result r = wya.run(args.toArray(String[]::new));
      assertThat(r.code()).as("wya %s --help", path).isZero();
      assertThat(r.out()).as("wya %s --help", path).contains("Usage: wya" + (path.isEmpty() ? "" : " " + String.join(" ", path)));
    }
    assertThat(wya.run("--help").out()).contains("Exit codes:").contains("  7  another wya process");
  }

  @Test void usageErrorsExitTwo() {
    assertThat(new CliRunner(dir).run("post").code()).isEqualTo(2);
    assertThat(new CliRunner(dir).run("--no-such-option").code()).isEqualTo(2);
  }

  @Test void anUninitialisedHomeIsExitThreeWithAJsonError() {
    CliRunner.Result r = new CliRunner(dir.resolve("empty")).run("whoami", "--json");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.lastJson().get("error").asText()).isEqualTo("NOT_INITIALIZED");
    assertThat(r.err()).contains("wya init");
  }

  @Test void initCreatesAnIdentityOnceAndWhoamiShowsIt() {
    CliRunner wya = new CliRunner(dir.resolve("alice"));
    JsonNode created = wya.json(0, "init", "--key-file", "--offline", "--name", "alice");
    JsonNode me = wya.json(0, "whoami");
    assertThat(me.get("id").asText()).isEqualTo(created.get("id").asText()).hasSize(43);
    assertThat(me.get("name").asText()).isEqualTo("alice");
    assertThat(wya.run("init", "--key-file", "--offline").code()).isEqualTo(3);
  }

  @Test void aPassphraseHomeNeedsTheRightPassphrase() {
    CliRunner withPassphrase = new CliRunner(dir.resolve("p")).env(Cli.PASSPHRASE_ENV, "tea and biscuits");
    withPassphrase.json(0, "init", "--offline");
    assertThat(withPassphrase.json(0, "whoami").get("id").asText()).hasSize(43);

    CliRunner.Result none = new CliRunner(dir.resolve("p")).run("whoami", "--json");
    assertThat(none.code()).isEqualTo(4);
    assertThat(none.lastJson().get("error").asText()).isEqualTo("PASSPHRASE_REQUIRED");
    CliRunner.Result wrong = new CliRunner(dir.resolve("p")).env(Cli.PASSPHRASE_ENV, "coffee").run("whoami", "--json");
    assertThat(wrong.code()).isEqualTo(4);
    assertThat(wrong.lastJson().get("error").asText()).isEqualTo("WRONG_PASSPHRASE");
  }

  @Test void aChangedPassphraseOpensTheSameIdentityAndTheOldOneNoLonger() {
    CliRunner old = new CliRunner(dir.resolve("p")).env(Cli.PASSPHRASE_ENV, "tea and biscuits");
    old.json(0, "init", "--offline");
    String id = old.json(0, "whoami").get("id").asText();
    old.env(PassphraseCommand.NEW_ENV, "coffee and cake").json(0, "passphrase");

    CliRunner changed = new CliRunner(dir.resolve("p")).env(Cli.PASSPHRASE_ENV, "coffee and cake");
    assertThat(changed.json(0, "whoami").get("id").asText()).isEqualTo(id);
    assertThat(new CliRunner(dir.resolve("p")).env(Cli.PASSPHRASE_ENV, "tea and biscuits").json(4, "whoami").get("error").asText())
        .isEqualTo("WRONG_PASSPHRASE");
    CliRunner keyFile = new CliRunner(dir.resolve("k")).env(PassphraseCommand.NEW_ENV, "x");
    keyFile.json(0, "init", "--offline", "--key-file");
    assertThat(keyFile.json(2, "passphrase").get("error").asText()).isEqualTo("INVALID_ARGUMENT");
  }

  @Test void initWithoutAnyPassphraseSourceSaysHowToGetOne() {
    CliRunner.Result r = new CliRunner(dir.resolve("q")).run("init", "--offline");
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("--key-file").contains(Cli.PASSPHRASE_ENV);
  }

  @Test void aSecondProcessOnTheSameHomeIsTurnedAway() {
    CliRunner wya = new CliRunner(dir.resolve("busy"));
    wya.json(0, "init", "--key-file", "--offline");
    try (var held = WyaHome.at(wya.home()).lockState("test holds the home")) {
      CliRunner.Result r = wya.run("post", "hello", "--json");
      assertThat(r.code()).isEqualTo(7);
      assertThat(r.lastJson().get("error").asText()).isEqualTo("HOME_BUSY");
      assertThat(r.err()).contains("test holds the home");
    }
  }

  @Test void progressIsDrawnInPlaceOnATerminalAndSummarisedElsewhere() {
    ByteArrayOutputStream tty = new ByteArrayOutputStream();
    TerminalProgress onTerminal = new TerminalProgress(new PrintStream(tty, true, StandardCharsets.UTF_8), true, java.time.Clock.systemUTC());
    onTerminal.begin("sync abc", 200);
    onTerminal.advance(200);
    onTerminal.end();
    assertThat(tty.toString(StandardCharsets.UTF_8)).contains("\rsync abc [").contains("200/200 100%");

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TerminalProgress inLog = new TerminalProgress(new PrintStream(log, true, StandardCharsets.UTF_8), false, java.time.Clock.systemUTC());
    inLog.begin("sync abc", 200);
    for (int i = 0; i < 10; i++) inLog.advance(20);
    inLog.end();
    assertThat(log.toString(StandardCharsets.UTF_8).lines()).containsExactly("sync abc: 200 to fetch", "sync abc: done (200)");

    ByteArrayOutputStream small = new ByteArrayOutputStream();
    TerminalProgress quiet = new TerminalProgress(new PrintStream(small, true, StandardCharsets.UTF_8), true, java.time.Clock.systemUTC());
    quiet.begin("sync abc", 3);
    quiet.advance(3);
    quiet.end();
    assertThat(small.size()).isZero();
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    command.getSubcommands().forEach((name, sub) -> {
      if (name.equals("help")) return;
      List<String> next = new ArrayList<>(path);
      next.add(name);
      collect(sub, next, out);
    });
  }
}
