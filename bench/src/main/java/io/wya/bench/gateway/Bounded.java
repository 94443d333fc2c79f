package io.wya.bench.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/// Runs async tasks with at most `parallel` in flight; fails with the first failure.
final class Bounded {
  private Bounded() {}

  static Future<Void> run(List<Supplier<Future<?>>> tasks, int parallel) {
    Promise<Void> done = Promise.promise();
    if (tasks.isEmpty()) return Future.succeededFuture();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    for (int i = 0; i < Math.min(parallel, tasks.size()); i++) launch(tasks, next, finished, done);
    return done.future();
  }

  private static void launch(List<Supplier<Future<?>>> tasks, AtomicInteger next, AtomicInteger finished, Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= tasks.size()) return;
    Future<?> f;
    try {
      f = tasks.get(i).get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      if (ar.failed()) {
        done.tryFail(ar.cause());
        return;
      }
      if (finished.incrementAndGet() == tasks.size()) done.tryComplete();
      else launch(tasks, next, finished, done);
    });
  }
}
