package io.wya.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wya.gateway.ConversationFlowIT.Pair;
import io.wya.gateway.testing.TestGateway;
import io.wya.testkit.LocalServices;
import io.wya.testkit.TestDatabase;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// Health, metrics and configuration (GATEWAY_SPEC §15), including the packaged jar as the
/// local launcher runs it.
class OpsIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /// The request timeout only covers the response headers; the whole exchange is bounded too, so
  /// a stalled body fails this test in seconds instead of holding it until the build's timeout.
  private static HttpResponse<String> get(URI base, String path) throws Exception {
    try {
      return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString()).get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof java.io.IOException io) throw io; // not listening yet: callers retry
      throw e;
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  @DisplayName("OPS-1 liveness is 200 while serving; readiness is 200 only when PostgreSQL and Redis answer, else 503 naming the one DOWN")
  void healthChecksTheRealDependencies() throws Exception {
    try (TestGateway gw = TestGateway.start("ops", Map.of())) {
      HttpResponse<String> live = get(gw.base(), "/health/live");
      assertThat(live.statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get(gw.base(), "/health/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      JsonObject body = new JsonObject(ready.body());
      assertThat(body.getString("status")).isEqualTo("UP");
      assertThat(body.getJsonObject("checks").getJsonObject("postgres").getString("status")).isEqualTo("UP");
      assertThat(body.getJsonObject("checks").getJsonObject("redis").getString("status")).isEqualTo("UP");

      try (TestGateway noRedis = gw.sibling(Map.of("GATEWAY_REDIS_URI", "redis://127.0.0.1:" + freePort()))) {
        HttpResponse<String> r = get(noRedis.base(), "/health/ready");
        assertThat(r.statusCode()).isEqualTo(503);
        JsonObject checks = new JsonObject(r.body()).getJsonObject("checks");
        assertThat(checks.getJsonObject("redis").getString("status")).isEqualTo("DOWN");
        assertThat(checks.getJsonObject("postgres").getString("status")).isEqualTo("UP");
        assertThat(get(noRedis.base(), "/health/live").statusCode()).isEqualTo(200);
      }
      try (TestGateway noPg = gw.sibling(Map.of("GATEWAY_PG_URI", "postgresql://wya:wya@127.0.0.1:" + freePort() + "/nothing"))) {
        HttpResponse<String> r = get(noPg.base(), "/health/ready");
        assertThat(r.statusCode()).isEqualTo(503);
        JsonObject checks = new JsonObject(r.body()).getJsonObject("checks");
        assertThat(checks.getJsonObject("postgres").getString("status")).isEqualTo("DOWN");
        assertThat(checks.getJsonObject("redis").getString("status")).isEqualTo("UP");
      }
    }
  }

  @Test
  @DisplayName("OPS-2 /metrics serves Prometheus text: connections, frames in and out, send-to-deliver latency, rate limits, pauses, KeyPackage pool, message stages")
  void metricsArePrometheusText() throws Exception {
    try (TestGateway gw = TestGateway.start("metrics", Map.of())) {
      Pair p = ConversationFlowIT.pair(gw);
      p.alice().sent(p.conv(), p.aliceGroup().protect("counted"));
      p.bob().deliver(p.conv());
      gw.gateway().prune().await(10, TimeUnit.SECONDS);
      HttpResponse<String> r = get(gw.base(), "/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      String text = r.body();
      assertThat(text).contains("gateway_connections{transport=\"ws\"} 2.0")
          .contains("gateway_frames_in_total{type=\"Send\"}")
          .contains("gateway_frames_out_total{type=\"Deliver\"}")
          .contains("gateway_send_to_deliver_seconds_bucket")
          .contains("gateway_queue_pauses_total")
          .contains("gateway_key_packages{kind=\"one_time\"} 1.0")
          .contains("gateway_entries_accepted_total")
          .contains("gateway_store_batch_entries_count 1")
          .contains("gateway_store_batch_wait_seconds_bucket")
          .contains("gateway_store_batch_time_seconds_bucket")
          .contains("gateway_fanout_handoff_seconds_bucket")
          .contains("gateway_fanout_write_seconds_bucket");
      p.alice().close();
      p.bob().close();
    }
  }

  @Test
  @DisplayName("OPS-3 the packaged jar exits at start with a message naming a missing, invalid or unknown variable; with good ones it migrates and gets ready")
  void packagedJarReadsItsConfiguration() throws Exception {
    Path jar = Path.of("target/realtime-gateway.jar").toAbsolutePath();
    assertThat(jar).exists();
    for (Map.Entry<String, String> bad : List.of(Map.entry("GATEWAY_FRAME_RATE", "fast"), Map.entry("GATEWAY_TYPO", "1"))) {
      Process p = launch(jar, Map.of(bad.getKey(), bad.getValue()));
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(bad.getKey()).isEqualTo(2);
      assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains(bad.getKey());
    }
    LocalServices services = LocalServices.require();
    TestDatabase db = services.freshDatabase("gw_jar");
    int port = freePort();
    Process gateway = launch(jar, Map.of("GATEWAY_HTTP_PORT", Integer.toString(port), "GATEWAY_HTTP_HOST", "127.0.0.1",
        "GATEWAY_PG_URI", db.reactiveUrlWithCredentials(), "GATEWAY_REDIS_URI", services.redisUri(),
        "GATEWAY_REDIS_PREFIX", LocalServices.uniqueName("t_jar") + ":", "GATEWAY_KAFKA_BOOTSTRAP", services.kafkaBootstrap()));
    try {
      URI base = URI.create("http://127.0.0.1:" + port);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int status = 0;
      while (System.nanoTime() < deadline && gateway.isAlive() && status != 200) {
        try {
          status = get(base, "/health/ready").statusCode();
        } catch (java.io.IOException notYet) {
          Thread.sleep(100);
        }
      }
      assertThat(status).as("the jar became ready").isEqualTo(200);
    } finally {
      gateway.destroy();
      assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("the jar stops on SIGTERM").isTrue();
    }
  }

  private static Process launch(Path jar, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
        jar.toString());
    pb.environment().keySet().removeIf(k -> k.startsWith("GATEWAY_"));
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.to(new File("target/ops-it-gateway.out")));
    Files.createDirectories(Path.of("target"));
    return pb.start();
  }
}
