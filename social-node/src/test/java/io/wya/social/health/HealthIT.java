package io.wya.social.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Readiness checks the real PostgreSQL, Redis and Kafka; metrics are Prometheus text.
@QuarkusTest
class HealthIT {
  @Test void readinessNamesEachRealDependency() {
    JsonPath ready = awaitReady();
    List<String> checks = ready.getList("checks.name");
    assertThat(checks).anyMatch(n -> n.contains("Reactive PostgreSQL")).anyMatch(n -> n.contains("Redis")).anyMatch(n -> n.contains("Kafka"));
    given().get("/q/health/live").then().statusCode(200);
  }

  @Test void polycentricHealthAndVersionAnswerJson() {
    awaitReady();
    given().get("/health").then().statusCode(200).body("db", equalTo(true)).body("redis", equalTo(true)).body("status", equalTo("ok"));
    given().get("/version").then().statusCode(200).body("sha", equalTo("dev"));
  }

  @Test void prometheusMetricsIncludeTheIngestCounters() {
    given().body(new byte[0]).post("/events").then().statusCode(200);
    given().body(new byte[] {(byte) 0xff}).post("/events").then().statusCode(400);
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics).contains("social_ingest_rejected_total{code=\"MALFORMED_BODY\"").contains("http_server_requests_seconds");
  }

  /// Another test restarts Kafka; wait (bounded) until the node reconnected.
  private static JsonPath awaitReady() {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      var response = given().get("/q/health/ready");
      if (response.statusCode() == 200 || Instant.now().isAfter(deadline)) {
        response.then().statusCode(200);
        return response.jsonPath();
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
