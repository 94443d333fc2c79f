package io.wya.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/// Runs a helper program (npm, node, `./wya`) from a test and copies its output, line by line and
/// prefixed, through `System.out`. A child that inherited the test JVM's file descriptor 1 would
/// write past surefire's own stdout channel, which surefire reports as "std/in stream corrupted"
/// and turns into a build failure.
public final class Subprocess {
  /// Lines of output a [Result] keeps: enough for a failing step and its stack trace.
  public static final int TAIL_LINES = 25;

  private Subprocess() {}

  /// How a program ended, with the last [#TAIL_LINES] lines of its output, so that an assertion
  /// message (the part of a failed build that CI shows) says why it failed.
  public record Result(int exitCode, List<String> tail) {
    public String describe() { return "exit " + exitCode + ", last output:\n  " + String.join("\n  ", tail); }
  }

  /// Runs `command` in `directory` with `environment` added, waits at most `timeout`, and returns
  /// its exit code and the end of its output. A program that is not installed fails with a
  /// message naming it.
  public static Result run(List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.getFirst() + " (is it installed and on PATH?): " + e.getMessage(), e);
    }
    String prefix = "[" + Path.of(command.getFirst()).getFileName() + "] ";
    Deque<String> tail = new ArrayDeque<>();
    Thread pump = Thread.ofVirtual().start(() -> copyLines(process, prefix, tail));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        pump.join(Duration.ofSeconds(5));
        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s; last output:\n  "
            + String.join("\n  ", snapshot(tail)));
      }
      pump.join(Duration.ofSeconds(5));
      return new Result(process.exitValue(), snapshot(tail));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }

  /// Like [#run], but an exit code other than 0 is an [IllegalStateException].
  public static void runOrFail(List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
    Result result = run(command, directory, environment, timeout);
    if (result.exitCode() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + result.describe());
  }

  private static void copyLines(Process process, String prefix, Deque<String> tail) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        System.out.println(prefix + line);
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) tail.removeFirst();
        }
      }
    } catch (IOException e) {
      System.out.println(prefix + "(output lost: " + e.getMessage() + ")");
    }
  }

  private static List<String> snapshot(Deque<String> tail) {
    synchronized (tail) {
      return List.copyOf(tail);
    }
  }
}
