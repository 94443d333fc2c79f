package io.wya.gateway.presence;

import io.vertx.core.Future;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.protocol.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/// [PresenceStore] in memory with the semantics of [RedisPresenceStore] (one contract suite runs
/// against both), plus in-memory [PresenceFeed]s: each [#feed()] stands for one instance.
public final class InMemoryPresenceStore implements PresenceStore {
  private final Map<UserId, Map<String, Lease>> leases = new HashMap<>();
  private final Map<UserId, PresenceView> views = new HashMap<>();
  private final Map<UserId, Long> lastSeen = new HashMap<>();
  private final List<Feed> feeds = new CopyOnWriteArrayList<>();

  /// A new feed, as a new instance would subscribe.
  public PresenceFeed feed() {
    Feed f = new Feed();
    feeds.add(f);
    return f;
  }

  @Override public Future<Void> set(DeviceKey device, PresenceStatus status, String activity, long nowMs, long expiresAtMs) {
    PresenceChange change;
    synchronized (this) {
      leases.computeIfAbsent(device.user(), u -> new HashMap<>())
          .put(device.device().hex(), new Lease(device.device().hex(), status, activity, nowMs, expiresAtMs));
      change = recompute(device.user(), nowMs);
    }
    publish(change);
    return Future.succeededFuture();
  }

  @Override public synchronized Future<List<Boolean>> renew(List<Renewal> renewals) {
    List<Boolean> result = new ArrayList<>(renewals.size());
    for (Renewal r : renewals) {
      Map<String, Lease> of = leases.get(r.device().user());
      Lease l = of == null ? null : of.get(r.device().device().hex());
      if (l == null) {
        result.add(false);
        continue;
      }
      if (r.expiresAtMs() > l.expiresAtMs()) {
        of.put(l.deviceHex(), new Lease(l.deviceHex(), l.status(), l.activity(), l.setAtMs(), r.expiresAtMs()));
      }
      result.add(true);
    }
    return Future.succeededFuture(result);
  }

  @Override public Future<Void> release(DeviceKey device, long nowMs) {
    PresenceChange change;
    synchronized (this) {
      Map<String, Lease> of = leases.get(device.user());
      if (of != null) of.remove(device.device().hex());
      change = recompute(device.user(), nowMs);
    }
    publish(change);
    return Future.succeededFuture();
  }

  @Override public Future<Integer> sweep(long nowMs, int limit) {
    List<PresenceChange> changes = new ArrayList<>();
    int removed = 0;
    synchronized (this) {
      List<Map.Entry<UserId, Lease>> expired = new ArrayList<>();
      leases.forEach((user, of) -> of.values().forEach(l -> {
        if (!l.liveAt(nowMs)) expired.add(Map.entry(user, l));
      }));
      expired.sort(Comparator.comparingLong(e -> e.getValue().expiresAtMs()));
      Set<UserId> touched = new java.util.LinkedHashSet<>();
      for (Map.Entry<UserId, Lease> e : expired.subList(0, Math.min(limit, expired.size()))) {
        leases.get(e.getKey()).remove(e.getValue().deviceHex());
        touched.add(e.getKey());
        removed++;
      }
      for (UserId u : touched) {
        PresenceChange c = recompute(u, nowMs);
        if (c != null) changes.add(c);
      }
    }
    changes.forEach(this::publish);
    return Future.succeededFuture(removed);
  }

  @Override public synchronized Future<List<PresenceView>> views(List<UserId> users) {
    List<PresenceView> result = new ArrayList<>(users.size());
    for (UserId u : users) {
      PresenceView v = views.get(u);
      Long seen = lastSeen.get(u);
      if (v == null) result.add(seen == null ? PresenceView.UNKNOWN : new PresenceView(0, PresenceStatus.OFFLINE, "", seen));
      else result.add(new PresenceView(v.version(), v.status(), v.activity(), seen == null ? 0 : seen));
    }
    return Future.succeededFuture(result);
  }

  /// The rule of `recompute.lua`: drop expired leases, aggregate, and publish only a change.
  private PresenceChange recompute(UserId user, long nowMs) {
    Map<String, Lease> of = leases.getOrDefault(user, new HashMap<>());
    of.values().removeIf(l -> !l.liveAt(nowMs));
    if (of.isEmpty()) leases.remove(user);
    LeaseAggregation.Shown shown = LeaseAggregation.shown(of.values());
    PresenceView old = views.get(user);
    if (old == null && shown.status() == PresenceStatus.OFFLINE) return null;
    if (old != null && old.status() == shown.status() && old.activity().equals(shown.activity())) return null;
    long version = Math.max(old == null ? 1 : old.version() + 1, nowMs);
    if (shown.status() == PresenceStatus.OFFLINE && old != null && old.status() != PresenceStatus.OFFLINE) lastSeen.put(user, nowMs);
    Long seen = lastSeen.get(user);
    PresenceView view = new PresenceView(version, shown.status(), shown.activity(), seen == null ? 0 : seen);
    views.put(user, new PresenceView(version, shown.status(), shown.activity(), 0));
    return new PresenceChange(user, view);
  }

  private void publish(PresenceChange change) {
    if (change == null) return;
    for (Feed f : feeds) f.deliver(change);
  }

  private static final class Feed implements PresenceFeed {
    private final Set<UserId> followed = ConcurrentHashMap.newKeySet();
    private final List<Consumer<PresenceChange>> handlers = new CopyOnWriteArrayList<>();

    @Override public Future<Void> follow(UserId user) {
      followed.add(user);
      return Future.succeededFuture();
    }

    @Override public void unfollow(UserId user) { followed.remove(user); }

    @Override public void onChange(Consumer<PresenceChange> handler) { handlers.add(handler); }

    @Override public void onResync(Runnable handler) {}

    void deliver(PresenceChange change) {
      if (followed.contains(change.user())) handlers.forEach(h -> h.accept(change));
    }
  }
}
