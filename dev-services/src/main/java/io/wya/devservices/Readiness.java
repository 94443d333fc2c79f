package io.wya.devservices;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/// Polls a real readiness probe until it passes or a deadline expires.
final class Readiness {
  private Readiness() {}

  static void await(String what, Duration timeout, BooleanSupplier probe, BooleanSupplier stillAlive) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pauseMillis = 50;
    while (System.nanoTime() < deadline) {
      if (probe.getAsBoolean()) return;
      if (!stillAlive.getAsBoolean()) throw new LauncherException(what + " exited before it became ready");
      sleep(pauseMillis);
      pauseMillis = Math.min(500, pauseMillis * 2);
    }
    throw new LauncherException(what + " was not ready within " + timeout.toSeconds() + " s");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LauncherException("interrupted");
    }
  }
}
