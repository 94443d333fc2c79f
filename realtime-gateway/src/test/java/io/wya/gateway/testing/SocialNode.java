package io.wya.gateway.testing;

import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.proto.Events;
import io.wya.testkit.LocalServices;
import io.wya.testkit.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/// The real social node, run from its packaged jar as its own process with a fresh database and
/// its event topic set to `topic` — how a self-hoster runs it. Clients post signed events to it
/// over HTTP exactly as the official client does (`POST /events`, an `Events` protobuf body); the
/// node's outbox publishes them to Kafka, where the gateway picks them up.
///
/// The jar is built by the social-node module; a build of only the gateway modules does not have
/// it, and the tests that need it are then skipped with a notice (the full build runs them).
public final class SocialNode implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(90);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final URI base;
  private final TestDatabase db;
  private final Path log;

  private SocialNode(Process process, URI base, TestDatabase db, Path log) {
    this.process = process;
    this.base = base;
    this.db = db;
    this.log = log;
  }

  /// True when the node's jar is built (the full build, or `./mvnw -pl social-node -am package -DskipTests`).
  public static boolean built() { return Files.exists(jar()); }

  private static Path jar() { return LocalServices.require().repoRoot().resolve("social-node/target/quarkus-app/quarkus-run.jar"); }

  /// Starts a node publishing to `topic`, or skips the calling test when the jar is not built.
  public static SocialNode start(String topic) {
    LocalServices services = LocalServices.require();
    Path jar = jar();
    Assumptions.assumeTrue(Files.exists(jar), "social-node is not built (" + jar + "): this test runs in the full build,"
        + " or after ./mvnw -pl social-node -am package -DskipTests");
    TestDatabase db = services.freshDatabase("social_for_gw");
    try {
      int port = freePort();
      Path log = Files.createTempFile("social-node-", ".log");
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
          "-XX:TieredStopAtLevel=1", "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
      env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
      env.put("QUARKUS_DATASOURCE_USERNAME", db.user());
      env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
      env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
      env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
      env.put("QUARKUS_REDIS_HOSTS", services.redisUri());
      env.put("KAFKA_BOOTSTRAP_SERVERS", services.kafkaBootstrap());
      env.put("SOCIAL_KAFKA_TOPIC", topic);
      SocialNode node = new SocialNode(pb.start(), URI.create("http://127.0.0.1:" + port), db, log);
      node.awaitReady();
      return node;
    } catch (IOException e) {
      throw new IllegalStateException("could not start the social node: " + e, e);
    }
  }

  public URI base() { return base; }

  /// `POST /events` with these signed events, as a client publishes them; fails unless 200.
  public void post(VerifiedEvent... events) {
    Events.Builder body = Events.newBuilder();
    for (VerifiedEvent e : events) body.addEvents(e.toSignedEvent());
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/events")).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body.build().toByteArray()))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) throw new IllegalStateException("POST /events answered " + r.statusCode() + ": " + r.body());
    } catch (IOException e) {
      throw new IllegalStateException("POST /events failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("the social node exited: " + tail());
      try {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) return;
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException("the social node was not ready within " + READY + ": " + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    LocalServices.require().dropDatabase(db);
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a temp file
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
