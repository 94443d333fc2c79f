package io.wya.social.outbox;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/// When the relay runs its passes (ADR 0115). At most one pass runs at a time, and:
/// - a wake (an ingest committed) starts a pass `delay` later, so that the rows of concurrent
///   ingests go out together; more wakes in the meantime share that pass;
/// - a wake while a pass runs schedules the next pass `delay` after it ends, not at once: under a
///   steady ingest each pass (a transaction and one Kafka request per partition) then carries a
///   delay's worth of events instead of the few that arrived while the previous one ran;
/// - after a full pass (rows are still waiting) the next runs at once;
/// - nothing runs before the topic is ready; the periodic pass picks the rows up afterwards.
///
/// Plain Java: the timer and the pass are given, so a test drives it without Vert.x or a database.
final class RelaySchedule {
  /// Runs `task` once, `delayMillis` from now.
  interface Timer {
    void schedule(long delayMillis, Runnable task);
  }

  /// Starts one pass; it calls `ended` exactly once, with true when the pass was full.
  interface Pass {
    void start(Consumer<Boolean> ended);
  }

  private final long delayMillis;
  private final Timer timer;
  private final BooleanSupplier ready;
  private final Pass pass;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  RelaySchedule(long delayMillis, Timer timer, BooleanSupplier ready, Pass pass) {
    this.delayMillis = Math.max(1, delayMillis);
    this.timer = timer;
    this.ready = ready;
    this.pass = pass;
  }

  /// New rows were committed.
  void wake() {
    if (running.get()) {
      again.set(true);
      // The pass may have ended between the check and the flag, without seeing the flag: take it back.
      if (running.get() || !again.getAndSet(false)) return;
    }
    schedule();
  }

  /// A pass now, unless one runs (then another follows it, after the delay): the periodic retry.
  void run() {
    scheduled.set(false);
    if (!ready.getAsBoolean()) return;
    if (!running.compareAndSet(false, true)) {
      again.set(true);
      return;
    }
    again.set(false);
    pass.start(this::ended);
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) timer.schedule(delayMillis, this::run);
  }

  private void ended(boolean full) {
    running.set(false);
    if (full) run();
    else if (again.getAndSet(false)) schedule();
  }
}
