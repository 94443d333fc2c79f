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

  /// Runs `wya` in-process on a thread of its own (as [#run] does), so that a long-running command
  /// such as `listen` shares this JVM with the other users' commands.
  public InProcess start(String... args) {
    java.util.concurrent.CompletableFuture<Result> result = new java.util.concurrent.CompletableFuture<>();
    Thread.ofPlatform().daemon().name("wya-in-process-" + home.getFileName()).start(() -> {
      try {
        result.complete(run(args));
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    return new InProcess(result);
  }

  /// A `wya` running in this JVM on a thread of its own.
  public record InProcess(java.util.concurrent.CompletableFuture<Result> result) {
    public Result await(java.time.Duration timeout) throws Exception {
      try {
        return result.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("wya did not exit within " + timeout, e);
      }
    }
  }

  /// Starts the packaged launcher (`cli/target/wya`, built by `package`) as a separate process, the
  /// way a person runs it from a shell; its stdout and stderr go to files next to the home.
  public Launched launch(String... args) {
    Path root = Path.of(System.getProperty("wya.repo.root", ".")).toAbsolutePath();
    Path launcher = root.resolve("cli/target/wya");
    if (!java.nio.file.Files.isExecutable(launcher)) throw new AssertionError(launcher + " is missing: run the package phase first");
    List<String> command = new ArrayList<>(List.of(launcher.toString(), "--home", home.toString()));
    command.addAll(List.of(args));
    Path out = home.resolveSibling(home.getFileName() + ".out");
    Path err = home.resolveSibling(home.getFileName() + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(env);
    try {
      return new Launched(builder.start(), out, err);
    } catch (java.io.IOException e) {
      throw new AssertionError("could not start " + launcher + ": " + e.getMessage(), e);
    }
  }

  /// A `wya` running as its own process.
  public record Launched(Process process, Path out, Path err) {
    public Result await(java.time.Duration timeout) throws Exception {
      if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroy();
        throw new AssertionError("wya did not exit within " + timeout + "\n" + java.nio.file.Files.readString(err));
      }
      return new Result(process.exitValue(), java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
    }
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
