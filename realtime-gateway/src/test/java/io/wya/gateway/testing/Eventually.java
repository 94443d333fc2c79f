package io.wya.gateway.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/// Waits for a condition that an asynchronous path (Kafka → projection, Redis pub/sub) makes
/// true. The deadline only bounds a hung test; nothing asserts how fast it happened.
public final class Eventually {
  private Eventually() {}

  public static void until(String what, BooleanSupplier condition) { until(what, Duration.ofSeconds(30), condition); }

  public static void until(String what, Duration deadline, BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("never happened: " + what);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
