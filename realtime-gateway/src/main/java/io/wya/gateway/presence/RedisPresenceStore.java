package io.wya.gateway.presence;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.protocol.UserId;
import io.wya.gateway.redis.RedisScript;
import java.util.ArrayList;
import java.util.List;

/// [PresenceStore] in Redis: one Lua script per operation, each atomic, sharing the aggregation
/// of `recompute.lua` (key layout there). Leases carry their own expiry and are collected by
/// [#sweep]; the hash also gets a Redis expiry of twice the TTL plus a minute, so that nothing
/// outlives a dead deployment for long. Views and last-seen times expire after 7 days (PRS-10).
public final class RedisPresenceStore implements PresenceStore {
  private static final RedisScript SET = RedisScript.load(RedisPresenceStore.class, "recompute.lua", "lease_set.lua");
  private static final RedisScript RENEW = RedisScript.load(RedisPresenceStore.class, "recompute.lua", "lease_renew.lua");
  private static final RedisScript RELEASE = RedisScript.load(RedisPresenceStore.class, "recompute.lua", "lease_release.lua");
  private static final RedisScript SWEEP = RedisScript.load(RedisPresenceStore.class, "recompute.lua", "sweep.lua");
  private static final RedisScript VIEWS = RedisScript.load(RedisPresenceStore.class, "recompute.lua", "views.lua");

  private final Redis redis;
  private final String ns;
  private final String gcMs;

  /// @param namespace the deployment's key prefix (`GATEWAY_REDIS_PREFIX` + gateway id + `:`)
  public RedisPresenceStore(Redis redis, String namespace, java.time.Duration leaseTtl) {
    this.redis = redis;
    this.ns = namespace;
    this.gcMs = Long.toString(leaseTtl.toMillis() * 2 + 60_000);
  }

  /// The channel of `user`'s changes.
  public String channel(UserId user) { return ns + "presence:c:" + user.hex(); }

  /// The prefix of every channel, for [RedisPresenceFeed].
  public String channelPrefix() { return ns + "presence:c:"; }

  @Override public Future<Void> set(DeviceKey device, PresenceStatus status, String activity, long nowMs, long expiresAtMs) {
    return SET.run(redis, List.of(ns, device.user().hex(), device.device().hex(), Integer.toString(status.code()), activity,
        Long.toString(nowMs), Long.toString(expiresAtMs), gcMs)).mapEmpty();
  }

  @Override public Future<List<Boolean>> renew(List<Renewal> renewals) {
    if (renewals.isEmpty()) return Future.succeededFuture(List.of());
    List<String> args = new ArrayList<>(2 + renewals.size() * 3);
    args.add(ns);
    args.add(gcMs);
    for (Renewal r : renewals) {
      args.add(r.device().user().hex());
      args.add(r.device().device().hex());
      args.add(Long.toString(r.expiresAtMs()));
    }
    return RENEW.run(redis, args).map(r -> {
      List<Boolean> result = new ArrayList<>(r.size());
      for (Response x : r) result.add(x.toInteger() == 1);
      return result;
    });
  }

  @Override public Future<Void> release(DeviceKey device, long nowMs) {
    return RELEASE.run(redis, List.of(ns, device.user().hex(), device.device().hex(), Long.toString(nowMs))).mapEmpty();
  }

  @Override public Future<Integer> sweep(long nowMs, int limit) {
    return SWEEP.run(redis, List.of(ns, Long.toString(nowMs), Integer.toString(limit))).map(Response::toInteger);
  }

  @Override public Future<List<PresenceView>> views(List<UserId> users) {
    if (users.isEmpty()) return Future.succeededFuture(List.of());
    List<String> args = new ArrayList<>(1 + users.size());
    args.add(ns);
    users.forEach(u -> args.add(u.hex()));
    return VIEWS.run(redis, args).map(r -> {
      List<PresenceView> result = new ArrayList<>(users.size());
      for (int i = 0; i + 1 < r.size(); i += 2) {
        String view = r.get(i).toString();
        long seen = Long.parseLong(r.get(i + 1).toString());
        if (view.isEmpty()) {
          result.add(seen == 0 ? PresenceView.UNKNOWN : new PresenceView(0, PresenceStatus.OFFLINE, "", seen));
        } else {
          int a = view.indexOf('|'), b = view.indexOf('|', a + 1);
          result.add(new PresenceView(Long.parseLong(view.substring(0, a)), PresenceStatus.of(Integer.parseInt(view.substring(a + 1, b))),
              view.substring(b + 1), seen));
        }
      }
      return result;
    });
  }
}
