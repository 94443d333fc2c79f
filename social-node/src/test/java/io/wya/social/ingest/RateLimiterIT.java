package io.wya.social.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.wya.social.config.SocialConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/// The limiter against the real Redis, each test with counters of its own (a fresh key prefix).
@QuarkusTest
class RateLimiterIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Inject Redis redis;
  @Inject Vertx vertx;

  @Test void theRequestsOfOneAddressAreCappedWithTheSecondsLeftOfTheWindow() {
    RateLimiter limiter = limiter(3, 1_000_000, Duration.ofSeconds(60));
    for (int i = 0; i < 3; i++) admit(limiter, "10.0.0.1", Map.of("sysA", 20));
    assertThatThrownBy(() -> admit(limiter, "10.0.0.1", Map.of("sysB", 20)))
        .isInstanceOfSatisfying(RateLimiter.RateLimitedException.class, e -> {
          assertThat(e.retryAfterSeconds()).isBetween(1L, 60L);
          assertThat(e.getMessage()).contains("requests from 10.0.0.1").contains("the limit is 3 per 60 s");
        });
    admit(limiter, "10.0.0.2", Map.of("sysB", 20));
  }

  @Test void theEventsOfOneSystemAreCappedAcrossBatchesAndAddresses() {
    RateLimiter limiter = limiter(1_000_000, 30, Duration.ofSeconds(60));
    admit(limiter, "10.0.0.1", Map.of("sysA", 20));
    assertThatThrownBy(() -> admit(limiter, "10.0.0.2", Map.of("sysB", 5, "sysA", 11)))
        .isInstanceOfSatisfying(RateLimiter.RateLimitedException.class,
            e -> assertThat(e.getMessage()).contains("events of system sysA").contains("the limit is 30 per 60 s"));
    admit(limiter, "10.0.0.2", Map.of("sysB", 25));
  }

  @Test void aWindowThatEndedCountsAfresh() throws InterruptedException {
    RateLimiter limiter = limiter(1, 1_000_000, Duration.ofMillis(300));
    admit(limiter, "10.0.0.1", Map.of("sysA", 1));
    assertThatThrownBy(() -> admit(limiter, "10.0.0.1", Map.of("sysA", 1))).isInstanceOf(RateLimiter.RateLimitedException.class)
        .hasMessageContaining("the limit is 1 per 300 ms");
    Thread.sleep(600);
    admit(limiter, "10.0.0.1", Map.of("sysA", 1));
  }

  @Test void aCounterLeftWithoutExpiryGetsItsWindowBack() {
    String prefix = "test:rl:" + UUID.randomUUID() + ":";
    RateLimiter limiter = new RateLimiter(redis, limits(1_000_000, 30, Duration.ofSeconds(60)), prefix);
    // What INCRBY leaves when the window's key expired just before it: a count without an expiry.
    redis.send(Request.cmd(Command.SET).arg(prefix + "sys:sysA").arg(25)).await().atMost(WAIT);
    assertThatThrownBy(() -> admit(limiter, "10.0.0.1", Map.of("sysA", 10)))
        .isInstanceOfSatisfying(RateLimiter.RateLimitedException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(60));
    long deadline = System.nanoTime() + WAIT.toNanos();
    long left = -1;
    while (left < 0 && System.nanoTime() < deadline) {
      left = redis.send(Request.cmd(Command.PTTL).arg(prefix + "sys:sysA")).await().atMost(WAIT).toLong(); // the repair is not awaited
    }
    assertThat(left).as("milliseconds left of the counter's window").isBetween(1L, 60_000L);
  }

  @Test void withoutRedisIngestIsNotLimited() {
    Redis unreachable = Redis.createClient(vertx, "redis://127.0.0.1:1");
    try {
      RateLimiter limiter = new RateLimiter(unreachable, limits(1, 1, Duration.ofSeconds(60)), "test:");
      for (int i = 0; i < 3; i++) admit(limiter, "10.0.0.1", Map.of("sysA", 20));
    } finally {
      unreachable.close();
    }
  }

  private RateLimiter limiter(long requestsPerIp, long eventsPerSystem, Duration window) {
    return new RateLimiter(redis, limits(requestsPerIp, eventsPerSystem, window), "test:rl:" + UUID.randomUUID() + ":");
  }

  private static void admit(RateLimiter limiter, String address, Map<String, Integer> eventsBySystem) {
    limiter.admit(address, eventsBySystem).await().atMost(WAIT);
  }

  private static SocialConfig.RateLimit limits(long requestsPerIp, long eventsPerSystem, Duration window) {
    return new SocialConfig.RateLimit() {
      @Override public boolean enabled() { return true; }
      @Override public Duration window() { return window; }
      @Override public long ingestRequestsPerIp() { return requestsPerIp; }
      @Override public long ingestEventsPerSystem() { return eventsPerSystem; }
      @Override public boolean trustForwardedFor() { return false; }
    };
  }
}
