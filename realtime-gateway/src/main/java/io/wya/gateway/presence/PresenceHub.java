package io.wya.gateway.presence;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.wya.gateway.config.PresenceConfig;
import io.wya.gateway.contacts.ContactFlip;
import io.wya.gateway.contacts.ContactsProjection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/// One instance's presence: the leases of its sessions and their watchlists (GATEWAY_SPEC §16).
/// Requests come from sessions ([#setPresence], [#watch], [#detach]), changes from the store's
/// feed ([#onChange]) and graph changes from the projection ([#onFlip]). Answers are frames: a
/// success or an `Error` (errors are values here; nothing half-done is ever left behind).
///
/// The shared state is guarded by this object's monitor and never touched while a store call is
/// pending; each session's requests run one after another (its `tail`), so two of its requests
/// never interleave. A watch is registered as *pending* before its contact check is sent, and a
/// flip that arrives before the watch is in place revokes it: a block can never slip between
/// the check and the subscription (PRS-8).
public final class PresenceHub {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PresenceHub.class);
  private final PresenceConfig config;
  private final Clock clock;
  private final PresenceStore store;
  private final PresenceFeed feed;
  private final ContactsProjection projection;
  private final RateLimiter limiter;
  private final long ttlMs;
  private final WatchIndex index;
  private final Map<PresenceSession, SessionState> sessions = new IdentityHashMap<>();
  private final AtomicLong pushes = new AtomicLong();

  public PresenceHub(PresenceConfig config, Clock clock, PresenceStore store, PresenceFeed feed, ContactsProjection projection,
                     RateLimiter limiter) {
    this.config = config;
    this.clock = clock;
    this.store = store;
    this.feed = feed;
    this.projection = projection;
    this.limiter = limiter;
    this.ttlMs = config.leaseTtl().toMillis();
    this.index = new WatchIndex(this, feed, store);
    feed.onChange(this::onChange);
    feed.onResync(this::resync);
  }

  public PresenceConfig config() { return config; }

  /// Frames pushed to watchers so far (changes and watch ends).
  public long pushes() { return pushes.get(); }

  /// Sessions with presence state on this instance.
  public synchronized int sessionCount() { return sessions.size(); }

  // ------------------------------------------------------------------ requests

  /// SetPresence (PRS-5, PRS-6, PRS-12).
  public Future<ServerFrame> setPresence(PresenceSession s, ClientFrame.SetPresence f) {
    SessionState st = state(s);
    if (st == null) return Future.succeededFuture(ServerFrame.Error.of(ErrorCode.NOT_AUTHENTICATED, "the session is closed"));
    return serialize(st, () -> doSet(st, f));
  }

  /// WatchPresence (PRS-1 … PRS-4).
  public Future<ServerFrame> watch(PresenceSession s, ClientFrame.WatchPresence f) {
    SessionState st = state(s);
    if (st == null) return Future.succeededFuture(ServerFrame.Error.of(ErrorCode.NOT_AUTHENTICATED, "the session is closed"));
    return serialize(st, () -> doWatch(st, f));
  }

  /// The session ended: its watches go, and its lease is released at once (no need to wait for
  /// expiry when the gateway knows the device is gone).
  public Future<Void> detach(PresenceSession s) {
    SessionState st;
    synchronized (this) {
      st = sessions.remove(s);
      if (st == null) return Future.succeededFuture();
      st.detached = true;
      index.removeSession(st);
    }
    return serialize(st, () -> {
      boolean leased;
      synchronized (this) {
        leased = st.leased;
        st.leased = false;
      }
      return leased ? store.release(st.device, clock.millis()) : Future.succeededFuture();
    });
  }

  // ------------------------------------------------------------------ rounds (timers)

  /// Renews the leases of sessions heard from since their last renewal, up to the time they were
  /// last heard from plus the TTL; a lease the store no longer has is set again (PRS-5).
  public Future<Void> renewRound() {
    List<SessionState> due = new ArrayList<>();
    List<Long> heardAt = new ArrayList<>();
    List<PresenceStore.Renewal> renewals = new ArrayList<>();
    List<PresenceSession> dead = new ArrayList<>();
    synchronized (this) {
      for (SessionState st : sessions.values()) {
        if (st.session.closed()) {
          dead.add(st.session);
          continue;
        }
        long heard = st.session.lastReceivedMs();
        if (!st.leased || heard <= st.renewedUpTo) continue;
        due.add(st);
        heardAt.add(heard);
        renewals.add(new PresenceStore.Renewal(st.device, heard + ttlMs));
      }
    }
    dead.forEach(this::detach);
    return store.renew(renewals).map(results -> {
      for (int i = 0; i < results.size(); i++) {
        SessionState st = due.get(i);
        long heard = heardAt.get(i);
        if (results.get(i)) {
          synchronized (this) {
            st.renewedUpTo = Math.max(st.renewedUpTo, heard);
          }
        } else {
          lease(st, heard);
        }
      }
      return null;
    });
  }

  /// Collects expired leases (any instance may; the store makes it atomic); returns how many.
  public Future<Integer> sweepRound() { return sweep(clock.millis(), 0, 0); }

  private Future<Integer> sweep(long now, int rounds, int total) {
    int batch = config.sweepBatch();
    return store.sweep(now, batch).compose(n -> n == batch && rounds < 20 ? sweep(now, rounds + 1, total + n)
        : Future.succeededFuture(total + n));
  }

  // ------------------------------------------------------------------ events

  /// A followed user's view changed: pushed, once and in version order, to the watchers that
  /// have not seen it (PRS-4).
  public synchronized void onChange(PresenceChange c) {
    WatchIndex.Watched w = index.watched(c.user());
    if (w == null || w.latest != null && c.view().version() <= w.latest.version()) return;
    w.latest = c.view();
    PresencePush push = null;
    long now = clock.millis();
    for (SessionState st : w.watchers) {
      long[] sent = st.watching.get(c.user());
      if (sent == null || sent[0] >= c.view().version()) continue;
      if (push == null) push = PresencePush.of(new ServerFrame.PresenceChanged(shown(c.user(), c.view(), now)));
      sent[0] = c.view().version();
      deliver(st, push);
    }
  }

  /// Two users stopped (or started) being contacts: every watch between them ends (PRS-8).
  public synchronized void onFlip(ContactFlip flip) {
    if (flip.contacts()) return;
    end(flip.a(), flip.b());
    end(flip.b(), flip.a());
  }

  /// After a gap in the feed: re-read every followed view (changes missed are pushed now) and
  /// re-check every watch against the projection (flips missed end their watches now).
  public void resync() {
    List<UserId> users;
    Map<UserId, List<UserId>> watchlists = new java.util.HashMap<>();
    synchronized (this) {
      users = index.watchedUsers();
      for (SessionState st : sessions.values()) {
        watchlists.computeIfAbsent(st.device.user(), u -> new ArrayList<>()).addAll(st.watching.keySet());
      }
    }
    for (int i = 0; i < users.size(); i += 500) {
      List<UserId> batch = users.subList(i, Math.min(users.size(), i + 500));
      store.views(batch).onSuccess(views -> {
        for (int j = 0; j < batch.size(); j++) onChange(new PresenceChange(batch.get(j), views.get(j)));
      });
    }
    watchlists.forEach((watcher, targets) -> {
      List<UserId> distinct = targets.stream().distinct().toList();
      projection.areContacts(watcher, distinct).onSuccess(ok -> {
        for (int j = 0; j < distinct.size(); j++) if (!ok.get(j)) onFlip(new ContactFlip(watcher, distinct.get(j), false));
      });
    });
  }

  // ------------------------------------------------------------------ internals

  private Future<ServerFrame> doSet(SessionState st, ClientFrame.SetPresence f) {
    String activity = f.status() == PresenceStatus.OFFLINE ? "" : f.activity();
    ServerFrame.Error bad = ActivityRule.check(activity, config.maxActivityBytes());
    if (bad != null) return Future.succeededFuture(bad);
    long now = clock.millis();
    return limiter.acquire("s:" + key(st.device), 1, config.setRate(), config.setWindow(), now).compose(retry -> {
      if (retry > 0) return Future.succeededFuture(rateLimited(retry, "presence updates"));
      if (f.status() == PresenceStatus.OFFLINE) {
        boolean was;
        synchronized (this) {
          was = st.leased;
          st.leased = false;
        }
        return (was ? store.release(st.device, now) : Future.<Void>succeededFuture())
            .map(v -> new ServerFrame.PresenceLease(PresenceStatus.OFFLINE, "", 0));
      }
      long heard = st.session.lastReceivedMs();
      return store.set(st.device, f.status(), activity, now, now + ttlMs).map(v -> {
        synchronized (this) {
          st.status = f.status();
          st.activity = activity;
          st.leased = !st.detached;
          st.renewedUpTo = Math.max(heard, now);
        }
        return new ServerFrame.PresenceLease(f.status(), activity, ttlMs);
      });
    });
  }

  private Future<ServerFrame> doWatch(SessionState st, ClientFrame.WatchPresence f) {
    long now = clock.millis();
    UserId me = st.device.user();
    List<UserId> add = f.add().stream().distinct().toList();
    List<UserId> remove = f.remove().stream().distinct().toList();
    int self = f.add().indexOf(me);
    if (self >= 0) return Future.succeededFuture(notAContact(self));
    List<UserId> fresh;
    synchronized (this) {
      Set<UserId> after = new HashSet<>(st.watching.keySet());
      after.removeAll(remove);
      after.addAll(add);
      if (after.size() > config.maxWatchlist()) {
        return Future.succeededFuture(ServerFrame.Error.of(ErrorCode.WATCHLIST_FULL,
            "the watchlist would hold " + after.size() + " users; at most " + config.maxWatchlist()));
      }
      fresh = add.stream().filter(u -> !st.watching.containsKey(u) || remove.contains(u)).toList();
    }
    int permits = add.size() + remove.size();
    Future<Long> limit = permits == 0 ? Future.succeededFuture(0L)
        : limiter.acquire("w:" + key(st.device), permits, config.watchChanges(), config.watchWindow(), now);
    return limit.compose(retry -> {
      if (retry > 0) return Future.succeededFuture(rateLimited(retry, "watchlist changes"));
      WatchIndex.Pending pending;
      Future<Void> ready;
      synchronized (this) {
        // Every added user is pending, also one already watched: a flip that removes it before
        // this request completes must not be undone by the request re-adding it.
        pending = index.pend(me, add);
        ready = index.hold(add);
      }
      return projection.areContacts(me, fresh).transform(checked -> {
        if (checked.failed()) {
          abandon(pending, add);
          return Future.succeededFuture(checked.cause() instanceof ContactsProjection.ProjectionUnavailable
              ? ServerFrame.Error.of(ErrorCode.UNAVAILABLE, "presence permissions are being rebuilt; retry shortly")
              : ServerFrame.Error.of(ErrorCode.INTERNAL, "could not check contacts"));
        }
        for (int i = 0; i < fresh.size(); i++) {
          if (!checked.result().get(i)) {
            abandon(pending, add);
            return Future.succeededFuture(notAContact(f.add().indexOf(fresh.get(i))));
          }
        }
        return ready.transform(loaded -> Future.succeededFuture(complete(st, f, pending, add, remove, loaded.succeeded())));
      });
    });
  }

  /// The last step of a watch, atomically: unless a flip revoked it meanwhile, the removes and
  /// adds take effect and the snapshot is taken.
  private ServerFrame complete(SessionState st, ClientFrame.WatchPresence f, WatchIndex.Pending pending, List<UserId> add,
                               List<UserId> remove, boolean loaded) {
    synchronized (this) {
      index.unpend(pending);
      UserId revoked = pending.revoked.isEmpty() ? null : pending.revoked.iterator().next();
      if (!loaded || revoked != null || st.detached) {
        index.unhold(add);
        if (!loaded) return ServerFrame.Error.of(ErrorCode.UNAVAILABLE, "presence is unavailable; retry shortly");
        if (revoked != null) return notAContact(f.add().indexOf(revoked));
        return ServerFrame.Error.of(ErrorCode.NOT_AUTHENTICATED, "the session is closed");
      }
      for (UserId u : remove) index.unwatch(st, u);
      long now = clock.millis();
      List<ServerFrame.PresenceState> states = new ArrayList<>(add.size());
      for (UserId u : add) {
        WatchIndex.Watched w = index.watch(st, u);
        states.add(shown(u, w.latest, now));
      }
      index.unhold(add);
      return new ServerFrame.PresenceSnapshot(states, st.watching.size(), config.maxWatchlist());
    }
  }

  private synchronized void abandon(WatchIndex.Pending pending, List<UserId> add) {
    index.unpend(pending);
    index.unhold(add);
  }

  /// Caller holds the monitor.
  private void end(UserId watcher, UserId target) {
    index.revokePending(watcher, target);
    PresencePush push = null;
    for (SessionState st : index.sessionsOf(watcher)) {
      if (!st.watching.containsKey(target)) continue;
      index.unwatch(st, target);
      if (push == null) push = PresencePush.of(new ServerFrame.PresenceWatchEnded(target));
      deliver(st, push);
    }
  }

  /// One watcher's failure (a transport that throws) must not stop the others from being served.
  private void deliver(SessionState st, PresencePush push) {
    try {
      st.session.push(push);
      pushes.incrementAndGet();
    } catch (RuntimeException e) {
      LOG.warn("presence push to {} failed: {}", st.device, e.toString());
    }
  }

  /// Sets the session's lease again (it expired while the session was silent, or the store lost it).
  private void lease(SessionState st, long heard) {
    serialize(st, () -> {
      PresenceStatus status;
      String activity;
      synchronized (this) {
        if (!st.leased || st.detached) return Future.succeededFuture();
        status = st.status;
        activity = st.activity;
      }
      return store.set(st.device, status, activity, clock.millis(), heard + ttlMs).onSuccess(v -> {
        synchronized (this) {
          st.renewedUpTo = Math.max(st.renewedUpTo, heard);
        }
      });
    });
  }

  private synchronized SessionState state(PresenceSession s) {
    SessionState st = sessions.get(s);
    if (st == null) {
      if (s.closed()) return null;
      st = new SessionState(s);
      sessions.put(s, st);
      index.addSession(st);
    }
    return st;
  }

  private <T> Future<T> serialize(SessionState st, Supplier<Future<T>> task) {
    Promise<T> done = Promise.promise();
    Future<?> previous;
    synchronized (this) {
      previous = st.tail;
      // the tail keeps only "done", not the reply (a snapshot of a whole watchlist)
      st.tail = done.future().transform(ignored -> Future.succeededFuture());
    }
    previous.onComplete(ignored -> {
      try {
        task.get().onComplete(done);
      } catch (RuntimeException e) {
        done.fail(e);
      }
    });
    return done.future();
  }

  static ServerFrame.PresenceState shown(UserId user, PresenceView v, long nowMs) {
    if (v.status() == PresenceStatus.OFFLINE) {
      return new ServerFrame.PresenceState(user, PresenceStatus.OFFLINE, "", LastSeenBuckets.bucket(v.lastSeenMs(), nowMs));
    }
    return new ServerFrame.PresenceState(user, v.status(), v.activity(), null);
  }

  private static ServerFrame.Error notAContact(int index) {
    return ServerFrame.Error.of(ErrorCode.NOT_A_CONTACT, "add[" + index + "] is not a contact").withItemIndex(index);
  }

  private static ServerFrame.Error rateLimited(long retryMs, String what) {
    return ServerFrame.Error.of(ErrorCode.RATE_LIMITED, "too many " + what).withRetryAfterMs(retryMs);
  }

  private static String key(DeviceKey d) { return d.user().hex() + ":" + d.device().hex(); }
}
