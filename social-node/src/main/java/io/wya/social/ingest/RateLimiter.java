package io.wya.social.ingest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.wya.social.config.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/// Fixed-window ingest limits kept in Redis, shared by every node: requests per client address
/// and events per system. Over a limit the batch is refused with 429 and the seconds until the
/// window ends. When Redis is unreachable ingest is not limited (it stays available).
@ApplicationScoped
public class RateLimiter {
  private static final String COUNT = """
      local n = redis.call('INCRBY', KEYS[1], ARGV[1])
      if n == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
      local ttl = redis.call('PTTL', KEYS[1])
      if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
      return {n, ttl}""";

  private final Redis redis;
  private final SocialConfig.RateLimit limits;
  private final String prefix;

  @Inject
  public RateLimiter(Redis redis, SocialConfig config) {
    this.redis = redis;
    this.limits = config.rateLimit();
    this.prefix = config.cache().keyPrefix() + "rl:";
  }

  /// Counts one request from `address` and `eventsBySystem` events; fails with 429 when any limit
  /// is exceeded.
  public Uni<Void> admit(String address, Map<String, Integer> eventsBySystem) {
    if (!limits.enabled()) return Uni.createFrom().voidItem();
    List<Request> requests = new ArrayList<>();
    List<Long> caps = new ArrayList<>();
    List<String> what = new ArrayList<>();
    requests.add(count("ip:" + address, 1));
    caps.add(limits.ingestRequestsPerIp());
    what.add("requests from " + address);
    eventsBySystem.forEach((system, n) -> {
      requests.add(count("sys:" + system, n));
      caps.add(limits.ingestEventsPerSystem());
      what.add("events of system " + system);
    });
    return redis.batch(requests).onFailure().recoverWithNull().map(replies -> {
      if (replies == null) return null;
      for (int i = 0; i < replies.size(); i++) {
        Response r = replies.get(i);
        if (r.get(0).toLong() > caps.get(i)) {
          long retryAfter = Math.max(1, (r.get(1).toLong() + 999) / 1000);
          throw new RateLimitedException(retryAfter, "too many " + what.get(i) + ": the limit is " + caps.get(i) + " per "
              + limits.window().toSeconds() + " s");
        }
      }
      return null;
    }).replaceWithVoid();
  }

  private Request count(String key, long n) {
    return Request.cmd(Command.EVAL).arg(COUNT).arg(1).arg(prefix + key).arg(n).arg(limits.window().toMillis());
  }

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
