package io.wya.social.ingest;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/// The threads that parse and verify `POST /events` bodies: as many as there are cores (signature
/// checks are pure CPU, more threads only add switches), off the event loop and off the shared
/// worker pool, behind a bounded queue. When the queue is full the batch is refused at once with
/// 503 `INGEST_BUSY` and `Retry-After`, instead of piling up request bodies in memory.
public final class VerifierPool implements AutoCloseable {
  private final ThreadPoolExecutor executor;

  /// @param threads    verifying threads (≥ 1)
  /// @param queueLimit batches that may wait for a thread (≥ 1)
  public VerifierPool(int threads, int queueLimit) {
    if (threads < 1 || queueLimit < 1) throw new IllegalArgumentException("threads and queue limit must be at least 1");
    AtomicInteger count = new AtomicInteger();
    executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueLimit), r -> {
      Thread t = new Thread(r, "social-verify-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.AbortPolicy());
  }

  /// Runs `work` on a verifying thread and delivers its outcome back on the caller's Vert.x
  /// context (the request's event loop), so the verifying threads never run I/O callbacks; fails
  /// with [IngestException] 503 when the queue is full.
  public <T> Uni<T> run(Supplier<T> work) {
    return Uni.createFrom().emitter(emitter -> {
      Context caller = Vertx.currentContext();
      try {
        executor.execute(() -> {
          T result;
          try {
            result = work.get();
          } catch (Throwable e) { // an Error too: the request must get an answer
            deliver(caller, () -> emitter.fail(e));
            return;
          }
          deliver(caller, () -> emitter.complete(result));
        });
      } catch (RejectedExecutionException full) {
        emitter.fail(new IngestException(503, "INGEST_BUSY", "the node is verifying " + executor.getQueue().size()
            + " waiting batches; retry shortly"));
      }
    });
  }

  private static void deliver(Context context, Runnable outcome) {
    if (context == null) outcome.run();
    else context.runOnContext(v -> outcome.run());
  }

  public int threads() { return executor.getCorePoolSize(); }

  @Override public void close() { executor.shutdownNow(); }
}
