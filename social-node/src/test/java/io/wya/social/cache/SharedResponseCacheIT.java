package io.wya.social.cache;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.wya.social.config.SocialConfig;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/// The Redis layer of the read cache, as two nodes share it: what one node computed the other
/// serves from Redis, an ingest on either makes it stale for both, and Redis forgetting the
/// scripts (a restart, `SCRIPT FLUSH`) changes nothing but one round trip.
@QuarkusTest
class SharedResponseCacheIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Inject Redis redis;
  @Inject SocialConfig config;

  @Test void aBodyComputedByOneNodeIsServedByTheOtherUntilAnIngestInvalidatesIt() {
    ResponseCache first = node();
    ResponseCache second = node();
    String scope = "test-scope-" + UUID.randomUUID();
    AtomicInteger computed = new AtomicInteger();

    assertThat(body(first, scope, computed)).isEqualTo("body 1");
    redis.send(Request.cmd(Command.SCRIPT).arg("FLUSH")).await().atMost(WAIT);
    assertThat(body(second, scope, computed)).as("from Redis, after the scripts were flushed").isEqualTo("body 1");
    assertThat(computed).hasValue(1);

    second.invalidate(List.of(scope)).await().atMost(WAIT);
    assertThat(body(node(), scope, computed)).isEqualTo("body 2");
    assertThat(computed).hasValue(2);
  }

  private ResponseCache node() { return new ResponseCache(redis, config, new SimpleMeterRegistry()); }

  private static String body(ResponseCache node, String scope, AtomicInteger computed) {
    CachedBody body = node.get(scope, "field", Duration.ofMinutes(1),
        () -> Uni.createFrom().item(("body " + computed.incrementAndGet()).getBytes(StandardCharsets.UTF_8))).await().atMost(WAIT);
    return new String(body.body(), StandardCharsets.UTF_8);
  }
}
