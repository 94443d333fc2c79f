package io.wya.bench.social;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Recorder;

/// A closed-loop HTTP load generator: `concurrency` requests in flight over keep-alive
/// connections, each completion starting the next, for a fixed duration or a fixed request list.
final class LoadClient implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;

  LoadClient(int port, int connections) {
    client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(connections));
  }

  /// Result of one run: completed requests, non-2xx answers, seconds, latency histogram (µs).
  record Result(long requests, long errors, double seconds, org.HdrHistogram.Histogram latencyMicros) {
    double perSecond() { return requests / seconds; }
  }

  /// GET `path` repeatedly for `duration`.
  Result get(String path, int concurrency, Duration duration) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    return run(concurrency, i -> System.nanoTime() < end ? request(HttpMethod.GET, path, null) : null);
  }

  /// POST each body once, `concurrency` at a time.
  Result postAll(String path, List<byte[]> bodies, int concurrency) throws Exception {
    AtomicInteger next = new AtomicInteger();
    return run(concurrency, i -> {
      int n = next.getAndIncrement();
      return n < bodies.size() ? request(HttpMethod.POST, path, Buffer.buffer(bodies.get(n))) : null;
    });
  }

  private Future<Integer> request(HttpMethod method, String path, Buffer body) {
    return client.request(method, path).compose(req -> (body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> resp.statusCode())));
  }

  private Result run(int concurrency, IntFunction<Future<Integer>> nextRequest) throws Exception {
    Recorder recorder = new Recorder(3);
    AtomicLong ok = new AtomicLong(), errors = new AtomicLong();
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger active = new AtomicInteger(concurrency);
    long start = System.nanoTime();
    for (int c = 0; c < concurrency; c++) vertx.runOnContext(v -> loop(nextRequest, recorder, ok, errors, active, done));
    done.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(ok.get(), errors.get(), seconds, recorder.getIntervalHistogram());
  }

  private void loop(IntFunction<Future<Integer>> nextRequest, Recorder recorder, AtomicLong ok, AtomicLong errors, AtomicInteger active,
                    CompletableFuture<Void> done) {
    long t0 = System.nanoTime();
    Future<Integer> f = nextRequest.apply(0);
    if (f == null) {
      if (active.decrementAndGet() == 0) done.complete(null);
      return;
    }
    f.onComplete(ar -> {
      recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
      if (ar.succeeded() && ar.result() / 100 == 2) ok.incrementAndGet();
      else errors.incrementAndGet();
      loop(nextRequest, recorder, ok, errors, active, done);
    });
  }

  @Override public void close() {
    client.close().await();
    vertx.close().await();
  }
}
