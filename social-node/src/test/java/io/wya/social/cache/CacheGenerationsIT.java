package io.wya.social.cache;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.wya.social.config.SocialConfig;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/// The generation keys of the shared read cache expire (ADR 0122), and that never serves a stale
/// body: a scope's generation never comes back, and an entry computed for a generation that
/// went away is not stored. The in-process layer is off here, so every read asks Redis.
@QuarkusTest
class CacheGenerationsIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration GENERATION_TTL = Duration.ofSeconds(120);

  @Inject Redis redis;

  private final String prefix = "test-generations-" + UUID.randomUUID() + ":";
  private final String scope = "system-" + UUID.randomUUID();

  @Test void everyGenerationKeyExpiresWhetherAnIngestOrALookupSetIt() {
    ResponseCache cache = cache(Duration.ofSeconds(60), GENERATION_TTL);
    body(cache, () -> "first");
    long afterLookup = pttl(cache.generationKey(scope));
    assertThat(afterLookup).as("set by the lookup").isPositive().isLessThanOrEqualTo(GENERATION_TTL.toMillis());

    String other = "subject-" + UUID.randomUUID();
    cache.invalidate(List.of(other)).await().atMost(WAIT);
    assertThat(pttl(cache.generationKey(other))).as("set by the invalidation").isPositive().isLessThanOrEqualTo(GENERATION_TTL.toMillis());
  }

  @Test void aScopeWhoseGenerationExpiredNeverGetsAnOldGenerationBack() {
    ResponseCache cache = cache(Duration.ofSeconds(60), GENERATION_TTL);
    AtomicInteger computed = new AtomicInteger();
    Supplier<String> compute = () -> "body " + computed.incrementAndGet();
    cache.invalidate(List.of(scope)).await().atMost(WAIT);
    assertThat(body(cache, compute)).isEqualTo("body 1");
    assertThat(body(cache, compute)).as("from Redis").isEqualTo("body 1");

    // The generation key goes while its entries live on (they were filled later than it was set).
    redis.send(Request.cmd(Command.DEL).arg(cache.generationKey(scope))).await().atMost(WAIT);
    cache.invalidate(List.of(scope)).await().atMost(WAIT);

    assertThat(body(cache, compute)).as("an ingest after the expiry is seen").isEqualTo("body 2");
  }

  @Test void aBodyComputedWhileItsGenerationWasReplacedIsNotStored() {
    ResponseCache cache = cache(Duration.ofSeconds(60), GENERATION_TTL);
    assertThat(computeThen(cache, () -> cache.invalidate(List.of(scope)).replaceWith("computed before the ingest")))
        .isEqualTo("computed before the ingest");

    assertThat(entryHashes()).as("no hash for the replaced generation").isEmpty();
    assertThat(body(cache, () -> "after the ingest")).isEqualTo("after the ingest");
    assertThat(entryHashes()).hasSize(1);
  }

  @Test void aGenerationTtlShorterThanTheEntriesIsRefused() {
    assertThatThrownBy(() -> cache(Duration.ofSeconds(60), Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("social.cache.generation-ttl");
  }

  private ResponseCache cache(Duration ttl, Duration generationTtl) {
    return new ResponseCache(redis, new Settings(ttl, generationTtl, prefix), new SimpleMeterRegistry());
  }

  private String body(ResponseCache cache, Supplier<String> compute) {
    return computeThen(cache, () -> Uni.createFrom().item(compute));
  }

  private String computeThen(ResponseCache cache, Supplier<Uni<String>> compute) {
    CachedBody body = cache.get(scope, "field", Duration.ofMinutes(5), () -> compute.get().map(text -> text.getBytes(StandardCharsets.UTF_8)))
        .await().atMost(WAIT);
    return new String(body.body(), StandardCharsets.UTF_8);
  }

  private long pttl(String key) {
    return redis.send(Request.cmd(Command.PTTL).arg(key)).await().atMost(WAIT).toLong();
  }

  private List<String> entryHashes() {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + "c:" + scope + ":*").arg("COUNT").arg(1000))
          .await().atMost(WAIT);
      cursor = page.get(0).toString();
      page.get(1).forEach(key -> keys.add(key.toString()));
    } while (!cursor.equals("0"));
    return keys;
  }

  private record Settings(Duration ttl, Duration generationTtl, String keyPrefix) implements SocialConfig.Cache {
    @Override public boolean enabled() { return true; }
    @Override public Duration localTtl() { return Duration.ZERO; }
    @Override public int localMaxEntries() { return 100; }
  }
}
