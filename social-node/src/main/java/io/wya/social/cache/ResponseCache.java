package io.wya.social.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.wya.social.config.SocialConfig;
import io.wya.social.redis.RedisScript;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/// The shared Redis cache of read responses. Entries live in a hash per scope (a system, or a
/// reference subject) and generation; ingest gives the scope a new generation, so a response
/// computed before a write can never be served after it (it lands in the old generation's hash,
/// which nobody reads). A Redis failure degrades to uncached reads, never to errors.
///
/// Generations are values no scope ever had before ([Generations]), not a counter: the key that
/// holds a scope's generation expires (`social.cache.generation-ttl`, ADR 0122) so that Redis does
/// not keep one key for every system and subject ever written, and a counter would start again at
/// 1 and find a hash filled in the earlier life of that number. A lookup that finds no generation
/// sets a new one, and an entry is only stored while its generation is still the scope's, so a
/// hash is never written once its generation is gone. In front of Redis a
/// short-lived in-process layer ([LocalResponseCache]) serves the hottest entries without a round
/// trip; this node's ingests invalidate it at once, other nodes' within its TTL.
@ApplicationScoped
public class ResponseCache {
  private static final Logger LOG = Logger.getLogger(ResponseCache.class);
  /// KEYS: generation, entries prefix; ARGV: field, a new generation, the generation TTL (ms).
  private static final RedisScript LOOKUP = new RedisScript("""
      local g = redis.call('GET', KEYS[1])
      if not g then
        g = ARGV[2]
        redis.call('SET', KEYS[1], g, 'PX', ARGV[3])
        return {g}
      end
      return {g, redis.call('HGET', KEYS[2] .. g, ARGV[1])}""");
  /// KEYS: generation, entries; ARGV: the generation read, field, body, entry TTL (ms).
  private static final RedisScript FILL = new RedisScript("""
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
      redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
      redis.call('PEXPIRE', KEYS[2], ARGV[4])
      return 1""");

  private final Redis redis;
  private final boolean enabled;
  private final String prefix;
  private final Duration ttl;
  private final long generationTtlMillis;
  private final Generations generations = new Generations();
  private final Counter hits;
  private final Counter misses;
  private final Counter errors;
  private final Counter localHits;
  private final LocalResponseCache local;
  private final RenderedReplies rendered;
  private final Counter replayed;

  @Inject
  public ResponseCache(Redis redis, SocialConfig config, MeterRegistry metrics) {
    this(redis, config.cache(), metrics);
  }

  ResponseCache(Redis redis, SocialConfig.Cache config, MeterRegistry metrics) {
    if (config.generationTtl().compareTo(config.ttl()) < 0) {
      throw new IllegalArgumentException("social.cache.generation-ttl (" + config.generationTtl() + ") must not be shorter than social.cache.ttl ("
          + config.ttl() + "): entries would be orphaned before they expire");
    }
    this.redis = redis;
    this.hits = metrics.counter("social.cache.lookups", "result", "hit");
    this.misses = metrics.counter("social.cache.lookups", "result", "miss");
    this.errors = metrics.counter("social.cache.lookups", "result", "error");
    this.localHits = metrics.counter("social.cache.lookups", "result", "local-hit");
    this.local = new LocalResponseCache(config.localTtl().toNanos(), config.localMaxEntries());
    this.rendered = new RenderedReplies(local, config.localMaxEntries());
    this.replayed = metrics.counter("social.cache.lookups", "result", "replayed");
    this.enabled = config.enabled();
    this.prefix = config.keyPrefix();
    this.ttl = config.ttl();
    this.generationTtlMillis = config.generationTtl().toMillis();
  }

  /// The cached body for (`scope`, `field`), or `compute`'s result, which is then cached for at
  /// most `maxTtl` (or the configured TTL when shorter).
  public Uni<CachedBody> get(String scope, String field, Duration maxTtl, Supplier<Uni<byte[]>> compute) {
    if (!enabled) return compute.get().map(CachedBody::uncached);
    if (!local.enabled()) return shared(scope, field, maxTtl, compute).map(CachedBody::uncached);
    long now = System.nanoTime();
    LocalResponseCache.Entry hot = local.get(scope, field, now);
    if (hot != null) {
      localHits.increment();
      return Uni.createFrom().item(new CachedBody(hot.body(), scope, hot.generation(), hot.storedAt() + local.ttlNanos()));
    }
    long generation = local.generation(scope);
    return shared(scope, field, maxTtl, compute).map(body -> {
      long stored = System.nanoTime();
      local.put(scope, field, generation, body, stored);
      return new CachedBody(body, scope, generation, stored + local.ttlNanos());
    });
  }

  /// The reply rendered earlier for exactly this request URI, if its cache entry is still fresh.
  public RenderedReply rendered(String uri) {
    RenderedReply reply = rendered.find(uri, System.nanoTime());
    if (reply != null) replayed.increment();
    return reply;
  }

  /// Keeps a `200` reply rendered from `cached` for [#rendered], as fresh as `cached` is. The reply
  /// wraps the cached body's bytes rather than copying them: they are never written to.
  public void remember(String uri, CachedBody cached, String etag, String cacheControl, String surrogateKeys) {
    if (!cached.replayable()) return;
    var body = io.vertx.core.buffer.Buffer.buffer(Unpooled.wrappedBuffer(cached.body()));
    rendered.remember(uri, new RenderedReply(body, etag, cacheControl, surrogateKeys, cached.scope(), cached.generation(), cached.expiresAtNanos()));
  }

  private Uni<byte[]> shared(String scope, String field, Duration maxTtl, Supplier<Uni<byte[]>> compute) {
    return LOOKUP.run(redis, r -> r.arg(2).arg(generationKey(scope)).arg(entriesKey(scope)).arg(field).arg(generations.next())
        .arg(generationTtlMillis)).onFailure().invoke(e -> {
      errors.increment();
      LOG.debugf("cache lookup failed: %s", e.getMessage());
    }).onFailure().recoverWithNull().chain(reply -> {
      if (reply == null) return compute.get();
      String generation = reply.get(0).toString();
      Response cached = reply.size() > 1 ? reply.get(1) : null;
      if (cached != null) {
        hits.increment();
        return Uni.createFrom().item(cached.toBytes());
      }
      misses.increment();
      return compute.get().call(body -> fill(scope, generation, field, body, maxTtl));
    });
  }

  private Uni<Void> fill(String scope, String generation, String field, byte[] body, Duration maxTtl) {
    long millis = Math.min(ttl.toMillis(), maxTtl.toMillis());
    io.vertx.mutiny.core.buffer.Buffer value = io.vertx.mutiny.core.buffer.Buffer.buffer(body);
    return FILL.run(redis, r -> r.arg(2).arg(generationKey(scope)).arg(entriesKey(scope) + generation).arg(generation).arg(field).arg(value)
            .arg(millis)).replaceWithVoid()
        .onFailure().invoke(e -> LOG.debugf("cache fill failed: %s", e.getMessage()))
        .onFailure().recoverWithNull();
  }

  /// Makes every cached response of these scopes stale: each gets a new generation.
  public Uni<Void> invalidate(Collection<String> scopes) {
    if (!enabled || scopes.isEmpty()) return Uni.createFrom().voidItem();
    scopes.forEach(local::invalidate);
    return redis.batch(scopes.stream().map(s -> Request.cmd(Command.SET).arg(generationKey(s)).arg(generations.next()).arg("PX")
            .arg(generationTtlMillis)).toList()).replaceWithVoid()
        .onFailure().invoke(e -> LOG.warnf("cache invalidation failed (entries expire by TTL): %s", e.getMessage()))
        .onFailure().recoverWithNull();
  }

  String generationKey(String scope) { return prefix + "gen:" + scope; }

  private String entriesKey(String scope) { return prefix + "c:" + scope + ":"; }
}
