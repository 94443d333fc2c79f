package io.wya.bench.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.wya.testkit.LocalServices;
import io.wya.testkit.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/// Delivered messages/s and end-to-end latency with N connected devices in rooms of 100, for the
/// gateway and for a bare Vert.x broadcast server measured in the same run; plus idle heap per
/// connection. Servers run in their own JVMs; this JVM is the load generator (same two cores).
///
/// `bench/run io.wya.bench.gateway.GatewayBenchmark [--sizes 1000,10000] [--room 100] [--window 2]
/// [--senders 4] [--rate 200[,50,...]] [--warmup 5] [--measure 15] [--servers bare,gateway]`
///
/// * throughput: closed loop, each of a room's `senders` keeps `window` messages in flight (the
///   next one goes when its own copy comes back), so each server runs at its own maximum;
/// * latency: open loop at each `rate` in turn, messages/s in total (× room size deliveries/s),
///   the same offered loads for both servers;
/// * idle: heap after a full GC with all devices connected and in their rooms, minus the heap
///   before the first connection, per connection.
public final class GatewayBenchmark {
  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /// One open-loop phase: `rate` messages/s offered in total.
  record OpenLoop(int rate, double deliveredPerSec, Histogram latency) {}

  record Result(String server, int devices, double deliveredPerSec, double sendsPerSec, long refused, Histogram closedLoop,
                List<OpenLoop> openLoops, long idleBytesPerConnection, long rssBytes) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    List<Integer> sizes = new ArrayList<>();
    for (String s : o.getOrDefault("sizes", "1000,10000").split(",")) sizes.add(Integer.parseInt(s.trim()));
    int room = Integer.parseInt(o.getOrDefault("room", "100"));
    int window = Integer.parseInt(o.getOrDefault("window", "2"));
    int senders = Integer.parseInt(o.getOrDefault("senders", "4"));
    List<Integer> rates = new ArrayList<>();
    for (String r : o.getOrDefault("rate", "200").split(",")) rates.add(Integer.parseInt(r.trim()));
    Duration warmup = Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup", "5")));
    Duration measure = Duration.ofSeconds(Long.parseLong(o.getOrDefault("measure", "15")));
    String servers = o.getOrDefault("servers", "bare,gateway");

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    List<WebSocketClient> clients = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      clients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(20_000).setConnectTimeout(30_000)
          .setLocalAddress("127.0.0." + i).setMaxMessageSize(1 << 20).setMaxFrameSize(1 << 20)));
    }
    List<Result> results = new ArrayList<>();
    try {
      for (int devices : sizes) {
        if (servers.contains("bare")) results.add(runBare(vertx, clients, devices, room, senders, window, rates, warmup, measure));
        if (servers.contains("gateway")) results.add(runGateway(vertx, clients, devices, room, senders, window, rates, warmup, measure));
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    print(results, room, senders, window, measure);
  }

  private static Result runBare(Vertx vertx, List<WebSocketClient> clients, int devices, int room, int senders, int window,
                                List<Integer> rates, Duration warmup, Duration measure) throws Exception {
    int port = freePort();
    try (Child server = Child.start("bare", "1g", Map.of(), BareBroadcastServer.class.getName(), Integer.toString(port), "2")) {
      server.awaitPort(port, Duration.ofSeconds(30));
      Stats stats = new Stats();
      return measure(vertx, server, new BareTarget(vertx, clients, port, stats, GatewayTarget.deliverFrameBytes()), stats, devices,
          room, senders, window, rates, warmup, measure);
    }
  }

  private static Result runGateway(Vertx vertx, List<WebSocketClient> clients, int devices, int room, int senders, int window,
                                   List<Integer> rates, Duration warmup, Duration measure) throws Exception {
    LocalServices services = LocalServices.require();
    TestDatabase db = services.freshDatabase("bench_gw");
    int port = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_HTTP_PORT", Integer.toString(port));
    env.put("GATEWAY_HTTP_HOST", "127.0.0.1");
    env.put("GATEWAY_ID", "gw_bench");
    env.put("GATEWAY_EVENT_LOOPS", "2");
    env.put("GATEWAY_PG_URI", db.reactiveUrlWithCredentials());
    env.put("GATEWAY_REDIS_URI", services.redisUri());
    env.put("GATEWAY_REDIS_PREFIX", LocalServices.uniqueName("bench") + ":");
    env.put("GATEWAY_KAFKA_BOOTSTRAP", services.kafkaBootstrap());
    // the load is many devices behind one address sending fast: lift the per-client limits
    env.put("GATEWAY_FRAME_RATE", "100000");
    env.put("GATEWAY_FRAME_BURST", "100000");
    env.put("GATEWAY_SEND_RATE", "100000");
    env.put("GATEWAY_SEND_BURST", "100000");
    env.put("GATEWAY_CLAIM_RATE", "1000000");
    env.put("GATEWAY_MAX_CONNECTIONS", "19000");
    env.put("GATEWAY_MAX_CONNECTIONS_PER_IP", "19000");
    env.put("GATEWAY_PENALTY_STRIKES", "0");
    // the setup authenticates thousands of devices at once on a shared 2-core box
    env.put("GATEWAY_AUTH_TIMEOUT", "300s");
    // GATEWAY_* variables of this process override the harness's (e.g. GATEWAY_PG_POOL_SIZE)
    System.getenv().forEach((k, v) -> {
      if (k.startsWith("GATEWAY_")) env.put(k, v);
    });
    try (Child server = Child.start("gateway", "1g", env, "io.wya.gateway.GatewayMain")) {
      awaitReady(server, URI.create("http://127.0.0.1:" + port + "/health/ready"));
      Stats stats = new Stats();
      return measure(vertx, server, new GatewayTarget(vertx, clients, port, stats), stats, devices, room, senders, window, rates, warmup,
          measure);
    } finally {
      services.dropDatabase(db);
    }
  }

  private static Result measure(Vertx vertx, Child server, Target target, Stats stats, int devices, int room, int senders, int window,
                                List<Integer> rates, Duration warmup, Duration measure) throws Exception {
    int rooms = devices / room;
    long heapBefore = server.heapUsedAfterGc();
    long started = System.nanoTime();
    target.setup(rooms, room, senders).await(30, TimeUnit.MINUTES);
    System.out.printf("%s: %d devices in %d rooms ready after %.1f s%n", target.name(), devices, rooms, (System.nanoTime() - started) / 1e9);
    long heapAfter = server.heapUsedAfterGc();
    long rss = server.rss();

    AtomicBoolean running = new AtomicBoolean(true);
    target.onEcho((r, s) -> {
      if (running.get()) target.send(r, s);
    });
    for (int r = 0; r < rooms; r++) for (int s = 0; s < senders; s++) for (int i = 0; i < window; i++) target.send(r, s);
    Thread.sleep(warmup.toMillis());
    stats.reset();
    long t0 = System.nanoTime();
    Thread.sleep(measure.toMillis());
    double seconds = (System.nanoTime() - t0) / 1e9;
    double delivered = stats.delivered.sum() / seconds;
    double sends = stats.sent.sum() / seconds;
    long refused = stats.refused.sum();
    Histogram closed = stats.latency();
    running.set(false);
    Thread.sleep(2_000);

    target.onEcho((r, s) -> { });
    List<OpenLoop> open = new ArrayList<>();
    for (int rate : rates) open.add(openLoop(vertx, target, stats, rooms, senders, rate, warmup, measure));
    target.close().await(60, TimeUnit.SECONDS);
    return new Result(target.name(), devices, delivered, sends, refused, closed, open, (heapAfter - heapBefore) / devices, rss);
  }

  /// `rate` messages/s in total, spread over the rooms and their senders, whatever the server does.
  private static OpenLoop openLoop(Vertx vertx, Target target, Stats stats, int rooms, int senders, int rate, Duration warmup,
                                   Duration measure) throws Exception {
    double[] budget = {0};
    int[] next = {0};
    long timer = vertx.setPeriodic(10, id -> {
      budget[0] += rate / 100.0;
      while (budget[0] >= 1) {
        int n = next[0]++;
        target.send(n % rooms, (n / rooms) % senders);
        budget[0] -= 1;
      }
    });
    Thread.sleep(warmup.toMillis());
    stats.reset();
    long t1 = System.nanoTime();
    Thread.sleep(measure.toMillis());
    double delivered = stats.delivered.sum() / ((System.nanoTime() - t1) / 1e9);
    Histogram latency = stats.latency();
    vertx.cancelTimer(timer);
    Thread.sleep(2_000);
    return new OpenLoop(rate, delivered, latency);
  }

  private static void awaitReady(Child server, URI ready) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
      } catch (java.io.IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(server.name + " never became ready");
  }

  private static void print(List<Result> results, int room, int senders, int window, Duration measure) {
    System.out.printf("%n| devices | server | delivered msg/s (closed loop, %d senders/room, window %d each) | p50 / p99 at max"
        + " | idle heap per connection | connections per GB of heap | RSS with all connected |%n", senders, window);
    System.out.println("|---|---|---|---|---|---|---|");
    for (Result r : results) {
      System.out.printf("| %,d | %s | %,.0f | %.1f / %.1f ms | %,d B | %,d | %,d MB |%n", r.devices(), r.server(),
          r.deliveredPerSec(), r.closedLoop().getValueAtPercentile(50) / 1000.0, r.closedLoop().getValueAtPercentile(99) / 1000.0,
          r.idleBytesPerConnection(), r.idleBytesPerConnection() <= 0 ? 0 : (1L << 30) / r.idleBytesPerConnection(), r.rssBytes() >> 20);
    }
    System.out.printf("%n| devices | server | offered deliveries/s (msg/s × %d) | delivered/s | p50 / p99 |%n", room);
    System.out.println("|---|---|---|---|---|");
    for (Result r : results) {
      for (OpenLoop l : r.openLoops()) {
        System.out.printf("| %,d | %s | %,d | %,.0f | %.1f / %.1f ms |%n", r.devices(), r.server(), l.rate() * room, l.deliveredPerSec(),
            l.latency().getValueAtPercentile(50) / 1000.0, l.latency().getValueAtPercentile(99) / 1000.0);
      }
    }
    for (int i = 0; i + 1 < results.size() && serversCompared(results); i += 2) {
      Result bare = results.get(i);
      Result gw = results.get(i + 1);
      System.out.printf("%,d devices: gateway/bare delivered throughput = %.0f%% (sends/s %.0f vs %.0f; refused %d)%n", gw.devices(),
          100 * gw.deliveredPerSec() / bare.deliveredPerSec(), gw.sendsPerSec(), bare.sendsPerSec(), gw.refused());
    }
    System.out.printf("rooms of %d, %d s measured per phase%n", room, measure.toSeconds());
  }

  private static boolean serversCompared(List<Result> results) {
    return results.size() % 2 == 0 && results.stream().anyMatch(r -> r.server().startsWith("bare"));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    return o;
  }
}
