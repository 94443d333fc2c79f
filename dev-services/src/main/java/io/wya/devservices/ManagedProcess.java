package io.wya.devservices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/// A long-running process the launcher started, remembered by a pid file. A pid is only trusted
/// while the live process still shows one of `markers` (a path or flag that only our process has
/// on its command line), so a stale pid file after a reboot never makes us signal a stranger.
final class ManagedProcess {
  private final Path pidFile;
  private final List<String> markers;

  ManagedProcess(Path pidFile, String... markers) {
    this.pidFile = pidFile;
    this.markers = List.of(markers);
  }

  /// Starts `command` in a new session with its output appended to `log`, records its pid.
  ProcessHandle startDetached(List<String> command, Map<String, String> environment, Path workDir, Path log) {
    List<String> full = new ArrayList<>();
    full.add("setsid");
    full.addAll(command);
    try {
      Files.createDirectories(log.getParent());
      Files.createDirectories(pidFile.getParent());
      ProcessBuilder builder = new ProcessBuilder(full)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.US_ASCII);
      return process.toHandle();
    } catch (IOException e) {
      throw new LauncherException("could not start " + command.getFirst() + ": " + e.getMessage(), e);
    }
  }

  /// The live process recorded in the pid file, if it is still ours.
  Optional<ProcessHandle> running() {
    return readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(this::isOurs);
  }

  boolean isOurs(ProcessHandle handle) {
    // /proc is read directly as well: programs that rewrite their title (redis-server) confuse
    // ProcessHandle.Info's argument parsing.
    ProcessHandle.Info info = handle.info();
    String seen = info.commandLine().orElse("") + " " + procCmdline(handle.pid());
    return markers.stream().anyMatch(seen::contains);
  }

  /// Sends SIGTERM, waits, then SIGKILL; removes the pid file. Returns whether anything ran.
  boolean stop(Duration grace) {
    Optional<ProcessHandle> handle = running();
    handle.ifPresent(process -> terminate(process, grace));
    forget();
    return handle.isPresent();
  }

  void forget() {
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new LauncherException("could not remove " + pidFile + ": " + e.getMessage(), e);
    }
  }

  static void terminate(ProcessHandle process, Duration grace) {
    process.destroy();
    try {
      process.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception timeoutOrInterrupt) {
      process.destroyForcibly();
      try {
        process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new LauncherException("process " + process.pid() + " did not exit after SIGKILL");
      }
    }
  }

  static Optional<Long> readPid(Path file) {
    try {
      if (!Files.exists(file)) return Optional.empty();
      String first = Files.readAllLines(file, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
      return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String procCmdline(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      String exe = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).toString();
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ') + " " + exe;
    } catch (IOException | SecurityException e) {
      return "";
    }
  }
}
