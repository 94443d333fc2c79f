package io.wya.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/// A real terminal for TUI tests: a tmux server of its own (`-L`), one session running a command,
/// keys sent with `send-keys`, the screen read with `capture-pane`.
final class Tmux implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/tmux");

  private final String socket;
  private final String session = "wya";

  private Tmux(String socket) { this.socket = socket; }

  static boolean available() { return Files.isExecutable(BINARY); }

  static Tmux start(int columns, int rows, Map<String, String> env, List<String> command) {
    Tmux tmux = new Tmux("wya-e2e-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", tmux.session, "-x", Integer.toString(columns),
        "-y", Integer.toString(rows)));
    StringBuilder shell = new StringBuilder();
    env.forEach((k, v) -> shell.append(k).append("='").append(v.replace("'", "'\\''")).append("' "));
    command.forEach(c -> shell.append("'").append(c.replace("'", "'\\''")).append("' "));
    args.add(shell.toString());
    tmux.run(args);
    return tmux;
  }

  void keys(String... keys) {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
    args.addAll(List.of(keys));
    run(args);
  }

  /// Sends text literally (no key-name interpretation).
  void type(String text) { run(List.of("send-keys", "-t", session, "-l", text)); }

  String screen() { return run(List.of("capture-pane", "-t", session, "-p")); }

  /// Waits until the screen shows `text`; returns the screen.
  String waitFor(String text, int seconds) throws InterruptedException {
    String last = "";
    for (int i = 0; i < seconds * 10; i++) {
      last = alive() ? screen() : last;
      if (last.contains(text)) return last;
      Thread.sleep(100);
    }
    throw new AssertionError("the terminal never showed '" + text + "'; last screen:\n" + last);
  }

  boolean alive() {
    try {
      run(List.of("has-session", "-t", session));
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  @Override public void close() {
    try {
      run(List.of("kill-server"));
    } catch (IllegalStateException e) {
      // already gone: the command ended
    }
  }

  private String run(List<String> args) {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-L", socket));
    command.addAll(args);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("tmux " + args + " failed: " + out);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("could not run tmux: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
