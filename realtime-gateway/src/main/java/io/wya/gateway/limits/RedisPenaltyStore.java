package io.wya.gateway.limits;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;

/// [PenaltyStore] in Redis: `<ns>pen:n:<subject>` counts penalties for 24 h, `<ns>pen:bar:<subject>`
/// holds the bar with its expiry; one script updates both atomically.
public final class RedisPenaltyStore implements PenaltyStore {
  private static final long DAY_MS = Duration.ofDays(1).toMillis();
  private static final String PENALIZE = """
      local longest = 0
      for i = 1, #KEYS, 2 do
        local n = redis.call('INCR', KEYS[i])
        if n == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
        local bar = tonumber(ARGV[1])
        for _ = 2, math.min(n, 40) do bar = bar * 2 end
        bar = math.min(bar, tonumber(ARGV[2]))
        redis.call('SET', KEYS[i + 1], n, 'PX', bar)
        if bar > longest then longest = bar end
      end
      return longest""";

  private final Redis redis;
  private final String namespace;

  public RedisPenaltyStore(Redis redis, String namespace) {
    this.redis = redis;
    this.namespace = namespace;
  }

  @Override
  public Future<Long> barredForMs(String subject) {
    return redis.send(Request.cmd(Command.PTTL).arg(namespace + "pen:bar:" + subject)).map(r -> Math.max(0, r.toLong()));
  }

  @Override
  public Future<Long> penalize(List<String> subjects, Duration base, Duration max) {
    Request r = Request.cmd(Command.EVAL).arg(PENALIZE).arg(subjects.size() * 2);
    for (String s : subjects) r.arg(namespace + "pen:n:" + s).arg(namespace + "pen:bar:" + s);
    r.arg(base.toMillis()).arg(max.toMillis()).arg(DAY_MS);
    return redis.send(r).map(x -> x.toLong());
  }
}
