package io.wya.social.ingest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.wya.social.config.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.wya.social.redis.RedisScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/// Fixed-window ingest limits kept in Redis, shared by every node: requests per client address
/// and events per system. Over a limit the batch is refused with 429 and the seconds until the
/// window ends. When Redis is unreachable ingest is not limited (it stays available).
///
/// A batch's counters (its address and each of its systems) are counted by one script call
/// ([RedisScript]). All of a batch's keys go to one Redis: a Redis Cluster would need them in one
/// hash slot.
@ApplicationScoped
public class RateLimiter {
  /// KEYS: the counters; ARGV[1]: the window in ms, ARGV[1 + i]: what KEYS[i] counts now.
  /// Returns the count and the milliseconds left of each counter's window, in KEYS order.
  private static final RedisScript COUNT = new RedisScript("""
      local window = tonumber(ARGV[1])
      local out = {}
      for i, key in ipairs(KEYS) do
        local added = tonumber(ARGV[i + 1])
        local n = redis.call('INCRBY', key, added)
        if n == added then redis.call('PEXPIRE', key, window) end
        local ttl = redis.call('PTTL', key)
        if ttl < 0 then redis.call('PEXPIRE', key, window); ttl = window end
        out[2 * i - 1] = n
        out[2 * i] = ttl
      end
      return out""");

  private final Redis redis;
  private final SocialConfig.RateLimit limits;
  private final String prefix;

  @Inject
  public RateLimiter(Redis redis, SocialConfig config) { this(redis, config.rateLimit(), config.cache().keyPrefix() + "rl:"); }

  RateLimiter(Redis redis, SocialConfig.RateLimit limits, String keyPrefix) {
    this.redis = redis;
    this.limits = limits;
    this.prefix = keyPrefix;
  }

  /// Counts one request from `address` and `eventsBySystem` events; fails with 429 when any limit
  /// is exceeded.
  public Uni<Void> admit(String address, Map<String, Integer> eventsBySystem) {
    if (!limits.enabled()) return Uni.createFrom().voidItem();
    List<Counter> counters = new ArrayList<>(1 + eventsBySystem.size());
    counters.add(new Counter("ip:" + address, 1, limits.ingestRequestsPerIp(), "requests from " + address));
    eventsBySystem.forEach((system, n) -> counters.add(new Counter("sys:" + system, n, limits.ingestEventsPerSystem(),
        "events of system " + system)));
    return COUNT.run(redis, request -> arguments(request, counters))
        .onFailure().recoverWithNull()
        .map(reply -> {
          if (reply != null) refuseAboveLimit(counters, reply);
          return null;
        });
  }

  private void refuseAboveLimit(List<Counter> counters, Response reply) {
    for (int i = 0; i < counters.size(); i++) {
      Counter counter = counters.get(i);
      if (reply.get(2 * i).toLong() > counter.cap()) {
        long retryAfter = Math.max(1, (reply.get(2 * i + 1).toLong() + 999) / 1000);
        throw new RateLimitedException(retryAfter, "too many " + counter.what() + ": the limit is " + counter.cap() + " per " + window());
      }
    }
  }

  private String window() {
    long ms = limits.window().toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  private void arguments(Request request, List<Counter> counters) {
    request.arg(counters.size());
    for (Counter counter : counters) request.arg(prefix + counter.key());
    request.arg(limits.window().toMillis());
    for (Counter counter : counters) request.arg(counter.added());
  }

  private record Counter(String key, long added, long cap, String what) {}

  /// 429 with the seconds after which a retry can succeed.
  public static final class RateLimitedException extends RuntimeException {
    private final long retryAfterSeconds;

    RateLimitedException(long retryAfterSeconds, String message) {
      super(message, null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() { return retryAfterSeconds; }
  }
}
