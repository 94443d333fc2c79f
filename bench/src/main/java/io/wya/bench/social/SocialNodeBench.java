package io.wya.bench.social;

import io.wya.polycentric.Base64Url;
import io.wya.polycentric.Ed25519Signatures;
import io.wya.polycentric.EventAuthor;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.ProcessState;
import io.wya.polycentric.SigningKey;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.proto.Events;
import io.wya.polycentric.proto.RepeatedUInt64;
import io.wya.testkit.LocalServices;
import io.wya.testkit.TestDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/// social-node throughput on the real services, each figure beside its baseline from the same run:
///
/// 1. ingest events/s (`POST /events`, batches of 20, many systems, durable PostgreSQL commits)
///    beside the bare BouncyCastle Ed25519 verify rate of the same events on every core, measured
///    right before and after each of `BENCH_INGEST_ROUNDS` (3) rounds; the median round is the result;
/// 2. cached `GET /query_latest` req/s and p99 beside a bare Vert.x server returning the same bytes.
///
/// `bench/run io.wya.bench.social.SocialNodeBench [systems] [read-seconds]`; needs
/// `social-node/target/quarkus-app` (`./mvnw -pl social-node -am -DskipTests package`).
public final class SocialNodeBench {
  private static final int YOUNG_BROKER_MINUTES = 30;
  private static final int BATCH = 20;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private SocialNodeBench() {}

  public static void main(String[] args) throws Exception {
    int systems = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    Duration readTime = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 15);
    int ingestConcurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    int cores = Runtime.getRuntime().availableProcessors();
    LocalServices services = LocalServices.require();
    Path root = services.repoRoot();
    Path jar = root.resolve("social-node/target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) throw new IllegalStateException(jar + " is missing: ./mvnw -B -q -pl social-node -am -DskipTests package");
    TestDatabase db = services.freshDatabase("bench_social");
    int port = freePort();
    String topic = LocalServices.uniqueName("bench_events");
    Process node = startNode(jar, port, db, services, topic, root.resolve("bench/target/bench-social-node.log"));
    Process bare = null;
    try {
      awaitReady(port);
      System.out.printf("machine: %d cores, %s %s%n", cores, System.getProperty("java.vm.name"), System.getProperty("java.version"));

      List<List<VerifiedEvent>> batches = batches(systems, 2);

      double verifyOne = verifyRate(batches, 1);
      System.out.printf("bare BouncyCastle Ed25519 verify: %.0f/s on 1 thread%n", verifyOne);
      CpuAccount cpu = new CpuAccount(node.pid(), db.name(), wyaHome(root));
      double kafkaMinutes = cpu.kafkaMinutesUp();
      // A broker started minutes ago burns a fifth of a core or more with no client (BENCHMARKS.md,
      // 2026-12-03), which the ingest then competes with.
      if (kafkaMinutes >= 0 && kafkaMinutes < YOUNG_BROKER_MINUTES) {
        System.out.printf("NOTE: the Kafka broker started %.0f minutes ago; until about %d minutes its idle background is several times"
            + " its later one and takes CPU from the ingest (see the idle column)%n", kafkaMinutes, YOUNG_BROKER_MINUTES);
      }

      try (LoadClient load = new LoadClient(port, 16)) {
        long published = warmUp(load, cpu, port, systems, ingestConcurrency);
        int rounds = (int) envDouble("BENCH_INGEST_ROUNDS", 3);
        List<IngestRound> measured = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          List<List<VerifiedEvent>> roundBatches = round == 1 ? batches : batches(systems, 2);
          IngestRound r = ingestRound(round, load, cpu, port, roundBatches, published, cores, ingestConcurrency);
          published += r.events();
          measured.add(r);
        }
        System.out.printf("ingest, median of %d rounds: %.0f events/s = %.0f%% of the verify ceiling (rounds: %s); pipeline %.0f µs of CPU"
            + " per event = %.1f verifications, a bound of %.0f%% on a box running only the pipeline; %.0f µs of it idle background%n", rounds,
            median(measured, IngestRound::rate), median(measured, IngestRound::percentOfCeiling),
            String.join(", ", measured.stream().map(r -> String.format("%.0f%%", r.percentOfCeiling())).toList()),
            median(measured, IngestRound::pipelineMicros), median(measured, r -> r.pipelineMicros() / r.verifyMicros()),
            median(measured, r -> 100 * r.verifyMicros() / r.pipelineMicros()), median(measured, IngestRound::backgroundMicros));
      }

      int readRounds = (int) envDouble("BENCH_READ_ROUNDS", 3);
      if (readRounds > 0) {
        VerifiedEvent profile = batches.getFirst().getFirst();
        String path = "/query_latest?system=" + Base64Url.encode(profile.system().encoded().toByteArray()) + "&event_types="
            + Base64Url.encode(RepeatedUInt64.newBuilder().addNumbers(3).addNumbers(5).build().toByteArray());
        HttpResponse<byte[]> sample = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        Path body = root.resolve("bench/target/bench-query-latest.bin");
        Files.write(body, sample.body());
        int barePort = freePort();
        bare = startBare(root, barePort, body, sample.headers().firstValue("ETag").orElse("\"x\""));
        Files.readAllLines(root.resolve("bench/target/bench-bare-server.log")).stream().filter(l -> l.startsWith("transport: "))
            .findFirst().ifPresent(l -> System.out.println("bare Vert.x server " + l));

        Thread.sleep(10_000); // let PostgreSQL's autovacuum and the broker settle after the ingest
        // Pairs of runs, node then bare server, each pair a ratio; the median pair is the result.
        List<double[]> pairs = new ArrayList<>();
        for (int round = 1; round <= readRounds; round++) {
          LoadClient.Result nodeReads = reads(port, path, readTime);
          LoadClient.Result bareReads = reads(barePort, path, readTime);
          double percent = 100 * nodeReads.perSecond() / bareReads.perSecond();
          pairs.add(new double[] {percent, nodeReads.perSecond(), p99(nodeReads), bareReads.perSecond(), p99(bareReads)});
          System.out.printf("reads round %d: node %.0f req/s p99 %.2f ms; bare Vert.x %.0f req/s p99 %.2f ms -> %.0f%%%n", round,
              nodeReads.perSecond(), p99(nodeReads), bareReads.perSecond(), p99(bareReads), percent);
        }
        pairs.sort(Comparator.comparingDouble(pair -> pair[0]));
        double[] medianPair = pairs.get(pairs.size() / 2);
        LoadClient.Result nodeVersion = reads(port, "/version", readTime);
        System.out.printf("for scale: the node's GET /version (no database, no Redis) %.0f req/s p99 %.2f ms%n", nodeVersion.perSecond(),
            p99(nodeVersion));
        System.out.printf("cached GET /query_latest (%d-byte body), median of %d rounds: node %.0f req/s p99 %.2f ms; bare Vert.x %.0f req/s"
            + " p99 %.2f ms -> %.0f%% of the bare baseline%n", sample.body().length, readRounds, medianPair[1], medianPair[2], medianPair[3],
            medianPair[4], medianPair[0]);
      }
      // the node's counters after the ingest (and the read runs' cache lookups when they ran)
      for (String line : HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body().split("\n")) {
        if (line.startsWith("social_cache_lookups_total") || line.startsWith("social_ingest_batches_per_transaction")
            || line.startsWith("social_outbox_events_per_pass")) {
          System.out.println("  node " + line);
        }
      }
    } finally {
      node.destroy();
      node.waitFor();
      if (bare != null) {
        bare.destroy();
        bare.waitFor();
      }
      services.dropDatabase(db);
      deleteTopic(services.kafkaBootstrap(), topic);
    }
  }

  /// Ingests rounds of as many events as a measured round, from other systems, until the node's
  /// JIT compilers settle: `BENCH_WARMUP_SETTLED_ROUNDS` (2) rounds in a row whose compiler
  /// threads used less than `BENCH_WARMUP_JIT_MICROS` (5) µs of CPU per event, after at least
  /// `BENCH_WARMUP_MIN_ROUNDS` (2) and at most `BENCH_WARMUP_MAX_ROUNDS` (60) rounds. A single
  /// fixed round left the compilers using as much CPU per event as a verification during the
  /// measurement, which then measured the JVM's start rather than the node's steady state; one
  /// quiet round was not enough either (the next one used 33–77 µs again), and with 10 µs the
  /// measured rounds still had 6–21 (the per-pass paths of the relay and the Kafka sender become
  /// hot last). Each round, like a
  /// measured one, ends when Kafka acknowledged every event (the harness polls the node's
  /// `/q/metrics`), so the warm-up runs the code the measurement runs. Returns the events ingested.
  private static long warmUp(LoadClient load, CpuAccount cpu, int port, int systems, int concurrency) throws Exception {
    double threshold = envDouble("BENCH_WARMUP_JIT_MICROS", 5);
    int minRounds = (int) envDouble("BENCH_WARMUP_MIN_ROUNDS", 2), maxRounds = (int) envDouble("BENCH_WARMUP_MAX_ROUNDS", 60);
    int settledRounds = (int) envDouble("BENCH_WARMUP_SETTLED_ROUNDS", 2);
    long ingested = 0;
    int quietInARow = 0;
    for (int round = 1; round <= maxRounds; round++) {
      List<List<VerifiedEvent>> warmup = batches(systems, 2);
      List<byte[]> bodies = bodies(warmup);
      long n = warmup.stream().mapToLong(List::size).sum();
      Map<String, Double> before = cpu.snapshot();
      LoadClient.Result r = load.postAll("/events", bodies, concurrency);
      ingested += n;
      awaitOutbox(port, ingested);
      Map<String, Double> used = CpuAccount.between(before, cpu.snapshot());
      double jit = used.get("  node: JIT compilers") * 1e6 / n;
      System.out.printf("warm-up round %d: %d events, %.0f events/s, node %.0f µs/event of which JIT compilers %.0f µs/event%n", round, n,
          r.requests() * (double) BATCH / r.seconds(), used.get("node") * 1e6 / n, jit);
      quietInARow = jit < threshold ? quietInARow + 1 : 0;
      if (round >= minRounds && quietInARow >= settledRounds) {
        System.out.printf("warm-up settled after %d rounds (%d events): JIT compilers below %.0f µs/event in %d rounds in a row%n", round,
            ingested, threshold, settledRounds);
        return ingested;
      }
    }
    System.out.printf("warm-up did NOT settle within %d rounds (%d events): the measurement below still includes JIT work%n", maxRounds,
        ingested);
    return ingested;
  }

  /// One measured ingest of `batches` (new systems), between two measurements of the bare verify
  /// rate of the same events: the ceiling of the round is the higher one, so a ratio compares the
  /// ingest with the verify rate the box allowed within seconds of it (rates on this shared box
  /// move by a third within a minute). CPU is counted from the first batch until Kafka
  /// acknowledged every event.
  private static IngestRound ingestRound(int round, LoadClient load, CpuAccount cpu, int port, List<List<VerifiedEvent>> batches,
                                         long publishedBefore, int cores, int concurrency) throws Exception {
    long events = batches.stream().mapToLong(List::size).sum();
    List<byte[]> bodies = bodies(batches);
    // While the harness verifies, the pipeline's processes are idle: what they use then is the
    // background they also use during the ingest, whatever its rate (timers, heartbeats, the
    // broker's metadata log), not a cost of the events.
    Map<String, Double> idleBefore = cpu.snapshot();
    long idleStart = System.nanoTime();
    double verifyCpuBefore = harnessCpuSeconds();
    double verifyBefore = verifyRate(batches, cores);
    double verifyMicros = (harnessCpuSeconds() - verifyCpuBefore) * 1e6 / (3.0 * events);
    Map<String, Double> idleUsed = CpuAccount.between(idleBefore, cpu.snapshot());
    double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
    Map<String, Double> cpuBefore = cpu.snapshot();
    long ingestStart = System.nanoTime();
    String loadBefore = loadAverage();
    LoadClient.Result ingest = load.postAll("/events", bodies, concurrency);
    double drained = awaitOutbox(port, publishedBefore + events);
    Map<String, Double> cpuUsed = CpuAccount.between(cpuBefore, cpu.snapshot());
    double ingestSeconds = (System.nanoTime() - ingestStart) / 1e9;
    String loadAfter = loadAverage();
    double verifyAfter = verifyRate(batches, cores);
    double ceiling = Math.max(verifyBefore, verifyAfter);
    double rate = ingest.requests() * (double) BATCH / ingest.seconds();
    System.out.printf("round %d: load average (1, 5, 15 min) before %s, after %s%n", round, loadBefore, loadAfter);
    System.out.printf("round %d: bare verify on %d threads %.0f/s before and %.0f/s after the ingest (the ceiling is the higher one);"
        + " %.0f µs of CPU per verification%n", round, cores, verifyBefore, verifyAfter, verifyMicros);
    System.out.printf("round %d: ingest %d events in %d batches of %d in %.2f s = %.0f events/s (%d errors), p99 batch %.1f ms"
        + " -> %.0f%% of the verify ceiling; Kafka acknowledged every event %.1f s after the last batch (%d in flight)%n", round, events,
        ingest.requests(), BATCH, ingest.seconds(), rate, ingest.errors(), ingest.latencyMicros().getValueAtPercentile(99) / 1000.0,
        100 * rate / ceiling, drained, concurrency);
    Map<String, Double> background = new LinkedHashMap<>();
    idleUsed.forEach((part, seconds) -> background.put(part, seconds / idleSeconds * ingestSeconds));
    PipelineCpu pipeline = printCpu(cpuUsed, background, events, verifyMicros);
    return new IngestRound(events, rate, 100 * rate / ceiling, verifyMicros, pipeline.micros(), pipeline.idleMicros());
  }

  /// `backgroundMicros`: the part of `pipelineMicros` the pipeline's processes use at the same
  /// rate when idle, spread over the round's events.
  private record IngestRound(long events, double rate, double percentOfCeiling, double verifyMicros, double pipelineMicros,
                             double backgroundMicros) {}

  private static double median(List<IngestRound> rounds, ToDoubleFunction<IngestRound> value) {
    double[] values = rounds.stream().mapToDouble(value).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  private static double envDouble(String name, double fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : Double.parseDouble(v.trim());
  }

  /// The node created its topic keeping every event; the benchmark's copy must not stay behind.
  private static void deleteTopic(String bootstrap, String topic) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.out.println("could not delete the benchmark topic " + topic + ": " + e);
    }
  }

  private static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  /// CPU per event of each part of the pipeline during the ingest (until the outbox drained),
  /// beside the CPU one bare verification costs: a ratio the box's other load cannot move much.
  /// `background`: what each part would have used idle over the same time.
  private static PipelineCpu printCpu(Map<String, Double> used, Map<String, Double> background, long events, double verifyMicros) {
    System.out.println("CPU during the ingest and the outbox drain (seconds, µs per event; idle: what the part uses idle in as long):");
    double pipeline = 0, idle = 0;
    for (var e : used.entrySet()) {
      boolean part = !e.getKey().startsWith("machine") && !e.getKey().startsWith("everything") && !e.getKey().startsWith("load");
      String idleColumn = part ? String.format("   idle %4.0f µs", background.getOrDefault(e.getKey(), 0.0) * 1e6 / events) : "";
      System.out.printf("  %-58s %7.2f s %7.0f µs%s%n", e.getKey(), e.getValue(), e.getValue() * 1e6 / events, idleColumn);
      if (part && !e.getKey().startsWith(" ")) {
        pipeline += e.getValue();
        idle += background.getOrDefault(e.getKey(), 0.0);
      }
    }
    double perEvent = pipeline * 1e6 / events, idlePerEvent = idle * 1e6 / events;
    System.out.printf("pipeline (node + postgres + kafka + redis): %.0f µs of CPU per event = %.1f verifications' worth;"
        + " on a box running only the pipeline that bounds ingest at %.0f%% of the verify ceiling%n", perEvent, perEvent / verifyMicros,
        100 * verifyMicros / perEvent);
    System.out.printf("  of which %.0f µs per event the same processes use idle over as long (%.1f verifications per event without it)%n",
        idlePerEvent, (perEvent - idlePerEvent) / verifyMicros);
    return new PipelineCpu(perEvent, idlePerEvent);
  }

  /// The pipeline's CPU per event, and the part of it its processes also use idle.
  private record PipelineCpu(double micros, double idleMicros) {}

  private static double harnessCpuSeconds() {
    return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
  }

  private static Path wyaHome(Path root) {
    String home = System.getenv("WYA_HOME");
    return home == null || home.isBlank() ? root.resolve(".wya") : Path.of(home);
  }

  private static LoadClient.Result reads(int port, String path, Duration duration) throws Exception {
    try (LoadClient load = new LoadClient(port, 16)) {
      load.get(path, 32, Duration.ofSeconds(5));
      LoadClient.Result r = load.get(path, 32, duration);
      if (r.errors() > 0) System.out.println("  (" + r.errors() + " failed reads)");
      return r;
    }
  }

  private static double p99(LoadClient.Result r) { return r.latencyMicros().getValueAtPercentile(99) / 1000.0; }

  /// `perSystem` batches of 20 posts for each of `systems` new systems, round by round (as many
  /// clients each sending its own batches one after the other would).
  private static List<List<VerifiedEvent>> batches(int systems, int perSystem) {
    SecureRandom random = new SecureRandom();
    List<EventAuthor> authors = new ArrayList<>();
    for (int s = 0; s < systems; s++) {
      EventAuthor author = new EventAuthor(SigningKey.generate(random), ProcessId.random(random), ProcessState.INITIAL, Clock.systemUTC());
      authors.add(author);
    }
    List<List<VerifiedEvent>> batches = new ArrayList<>();
    for (int b = 0; b < perSystem; b++) {
      for (int s = 0; s < systems; s++) {
        List<VerifiedEvent> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) batch.add(authors.get(s).post("benchmark post " + s + "." + b + "." + i + " with some ordinary text in it"));
        batches.add(batch);
      }
    }
    return batches;
  }

  private static List<byte[]> bodies(List<List<VerifiedEvent>> batches) {
    return batches.stream().map(batch -> {
      Events.Builder events = Events.newBuilder();
      batch.forEach(e -> events.addEvents(e.toSignedEvent()));
      return events.build().toByteArray();
    }).toList();
  }

  /// Ed25519 verifications per second of the events' exact bytes on `threads` threads.
  private static double verifyRate(List<List<VerifiedEvent>> batches, int threads) throws Exception {
    List<byte[][]> work = new ArrayList<>();
    for (List<VerifiedEvent> batch : batches) {
      for (VerifiedEvent e : batch) work.add(new byte[][] {e.system().key().toByteArray(), e.rawEvent().toByteArray(), e.signature().toByteArray()});
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      run(pool, work, threads);
      long start = System.nanoTime();
      long n = run(pool, work, threads) + run(pool, work, threads);
      return n / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  private static long run(ExecutorService pool, List<byte[][]> work, int threads) throws Exception {
    List<Future<Integer>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int from = work.size() * t / threads, to = work.size() * (t + 1) / threads;
      parts.add(pool.submit(() -> {
        int ok = 0;
        for (byte[][] w : work.subList(from, to)) if (Ed25519Signatures.verify(w[0], w[1], w[2])) ok++;
        return ok;
      }));
    }
    long n = 0;
    for (Future<Integer> f : parts) n += f.get();
    if (n != work.size()) throw new IllegalStateException("a signature did not verify");
    return n;
  }

  private static Process startNode(Path jar, int port, TestDatabase db, LocalServices services, String topic, Path log) throws Exception {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        // The node's own JVM options, as every launch of it uses them (ADR 0123); extras come after.
        "@" + jar.getParent().getParent().getParent().resolve("jvm.options")));
    String extra = System.getenv("BENCH_NODE_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) command.addAll(List.of(extra.trim().split("\\s+")));
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("QUARKUS_DATASOURCE_USERNAME", db.user());
    env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
    env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
    env.put("QUARKUS_REDIS_HOSTS", services.redisUri());
    env.put("KAFKA_BOOTSTRAP_SERVERS", services.kafkaBootstrap());
    env.put("SOCIAL_KAFKA_TOPIC", topic);
    env.put("SOCIAL_CACHE_KEY_PREFIX", LocalServices.uniqueName("bench_social") + ":");
    env.put("SOCIAL_RATE_LIMIT_INGEST_REQUESTS_PER_IP", "1000000000");
    env.put("QUARKUS_LOG_LEVEL", "WARN");
    Files.createDirectories(log.getParent());
    return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static Process startBare(Path root, int port, Path body, String etag) throws Exception {
    String cp = root.resolve("bench/target/classes") + ":" + Files.readString(root.resolve("bench/target/bench.classpath")).strip();
    Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-cp", cp,
        BareBytesServer.class.getName(), Integer.toString(port), body.toString(), etag).redirectErrorStream(true)
        .redirectOutput(root.resolve("bench/target/bench-bare-server.log").toFile()).start();
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) return p;
      } catch (java.io.IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("the bare server did not start");
  }

  /// Seconds until the node reports `total` events published to Kafka (reads are measured after).
  private static double awaitOutbox(int port, long total) throws Exception {
    long start = System.nanoTime();
    Instant deadline = Instant.now().plusSeconds(300);
    while (Instant.now().isBefore(deadline)) {
      String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (String line : metrics.split("\n")) {
        if (line.startsWith("social_outbox_published_total") && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= total) {
          return (System.nanoTime() - start) / 1e9;
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the outbox did not drain within 300 s");
  }

  private static void awaitReady(int port) throws Exception {
    Instant deadline = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(300);
    }
    throw new IllegalStateException("social-node did not become ready; see bench/target/bench-social-node.log");
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
