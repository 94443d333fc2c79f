package io.wya.devservices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/// Runs a short command to completion (initdb, pg_ctl) and turns a failure into a message that
/// carries the command's own output.
final class Commands {
  private Commands() {}

  static String run(List<String> command, Path workDir, Duration timeout) {
    try {
      Process process = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .start();
      // Output is small for these commands; reading after exit cannot dead-lock on a full pipe
      // because we drain on a separate thread.
      var output = new StringBuilder();
      Thread drain = Thread.ofVirtual().start(() -> {
        try {
          output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException ignored) {
          // the process is gone; what we have is all there is
        }
      });
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new LauncherException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
      }
      drain.join(5_000);
      if (process.exitValue() != 0) {
        throw new LauncherException(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + output.toString().strip());
      }
      return output.toString();
    } catch (IOException e) {
      throw new LauncherException("could not run " + command.getFirst() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LauncherException("interrupted while running " + command.getFirst());
    }
  }
}
