package io.wya.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/// Runs a helper program (npm, node, `./wya`) from a test and copies its output, line by line and
/// prefixed, through `System.out`. A child that inherited the test JVM's file descriptor 1 would
/// write past surefire's own stdout channel, which surefire reports as "std/in stream corrupted"
/// and turns into a build failure.
public final class Subprocess {
  private Subprocess() {}

  /// Runs `command` in `directory` with `environment` added, waits at most `timeout`, and returns
  /// its exit code. A program that is not installed fails with a message naming it.
  public static int run(List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.getFirst() + " (is it installed and on PATH?): " + e.getMessage(), e);
    }
    String prefix = "[" + Path.of(command.getFirst()).getFileName() + "] ";
    Thread pump = Thread.ofVirtual().start(() -> copyLines(process, prefix));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
      }
      pump.join(Duration.ofSeconds(5));
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }

  /// Like [#run], but an exit code other than 0 is an [IllegalStateException].
  public static void runOrFail(List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
    int exit = run(command, directory, environment, timeout);
    if (exit != 0) throw new IllegalStateException(String.join(" ", command) + " failed (exit " + exit + ")");
  }

  private static void copyLines(Process process, String prefix) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) System.out.println(prefix + line);
    } catch (IOException e) {
      System.out.println(prefix + "(output lost: " + e.getMessage() + ")");
    }
  }
}
