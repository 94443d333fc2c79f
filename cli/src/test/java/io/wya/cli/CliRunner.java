package io.wya.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// Runs `wya` in-process for one simulated user (one home directory), as a person would type it.
public final class CliRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path home;
  private final Map<String, String> env = new HashMap<>();

  public CliRunner(Path home) { this.home = home; }

  public CliRunner env(String key, String value) {
    env.put(key, value);
    return this;
  }

  public Path home() { return home; }

  public Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("--home", home.toString()));
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(all.toArray(String[]::new), env, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Clock.systemUTC(), new SecureRandom(), null);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /// Runs with `--json` and fails unless the exit code is `expected`.
  public JsonNode json(int expected, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    Result r = run(all.toArray(String[]::new));
    if (r.code() != expected) throw new AssertionError("wya " + String.join(" ", args) + " exited " + r.code() + ", expected " + expected + "\n" + r);
    return r.lastJson();
  }

  public record Result(int code, String out, String err) {
    /// The last JSON line of stdout.
    public JsonNode lastJson() {
      String[] lines = out.strip().split("\n");
      try {
        return JSON.readTree(lines[lines.length - 1]);
      } catch (Exception e) {
        throw new AssertionError("stdout is not JSON: " + out, e);
      }
    }

    @Override public String toString() { return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err; }
  }
}
