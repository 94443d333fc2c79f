package io.wya.gateway.presence;

import io.vertx.core.Future;
import io.wya.gateway.protocol.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Who watches whom on this instance, the latest view of every watched user, and the feed
/// subscriptions that keep those views current: a user is followed while a local session
/// watches it or a watch of it is being set up (`holds`). Every method runs under the monitor
/// of the [PresenceHub] that owns the index, so follows and unfollows reach the feed in order.
final class WatchIndex {
  private final Object monitor;
  private final PresenceFeed feed;
  private final PresenceStore store;
  private final Map<UserId, Watched> watched = new HashMap<>();
  private final Map<UserId, Set<SessionState>> byUser = new HashMap<>();
  private final List<Pending> pendings = new ArrayList<>();

  WatchIndex(Object monitor, PresenceFeed feed, PresenceStore store) {
    this.monitor = monitor;
    this.feed = feed;
    this.store = store;
  }

  /// A user watched (or about to be) by local sessions.
  static final class Watched {
    final UserId user;
    /// The newest view known; null until the first read completes.
    PresenceView latest;
    final Set<SessionState> watchers = new LinkedHashSet<>();
    int holds;
    /// Completes when the feed follows the user and its view has been read.
    Future<Void> ready;

    Watched(UserId user) { this.user = user; }
  }

  /// A watch whose contact check is in flight; flips revoke its targets.
  static final class Pending {
    final UserId watcher;
    final Set<UserId> targets;
    final Set<UserId> revoked = new HashSet<>();

    Pending(UserId watcher, Set<UserId> targets) {
      this.watcher = watcher;
      this.targets = targets;
    }
  }

  Watched watched(UserId user) { return watched.get(user); }

  List<UserId> watchedUsers() { return new ArrayList<>(watched.keySet()); }

  int followedCount() { return watched.size(); }

  void addSession(SessionState st) { byUser.computeIfAbsent(st.device.user(), u -> new LinkedHashSet<>()).add(st); }

  void removeSession(SessionState st) {
    Set<SessionState> of = byUser.get(st.device.user());
    if (of != null && of.remove(st) && of.isEmpty()) byUser.remove(st.device.user());
    for (UserId u : new ArrayList<>(st.watching.keySet())) unwatch(st, u);
  }

  List<SessionState> sessionsOf(UserId user) {
    Set<SessionState> of = byUser.get(user);
    return of == null ? List.of() : new ArrayList<>(of);
  }

  Pending pend(UserId watcher, List<UserId> targets) {
    Pending p = new Pending(watcher, new HashSet<>(targets));
    pendings.add(p);
    return p;
  }

  void unpend(Pending p) { pendings.remove(p); }

  void revokePending(UserId watcher, UserId target) {
    for (Pending p : pendings) if (p.watcher.equals(watcher) && p.targets.contains(target)) p.revoked.add(target);
  }

  /// Keeps `users` followed and loaded until [#unhold]; the future completes when all are ready.
  Future<Void> hold(List<UserId> users) {
    List<Watched> setup = new ArrayList<>();
    List<Future<Void>> readies = new ArrayList<>();
    for (UserId u : users) {
      Watched w = watched.computeIfAbsent(u, Watched::new);
      w.holds++;
      if (w.ready == null) setup.add(w);
      else readies.add(w.ready);
    }
    if (!setup.isEmpty()) {
      List<UserId> ids = setup.stream().map(w -> w.user).toList();
      List<Future<Void>> follows = new ArrayList<>();
      for (Watched w : setup) follows.add(feed.follow(w.user));
      // Follow first, then read: a change published after the read is delivered, one published
      // before it is in the read; versions sort out the overlap.
      Future<Void> ready = Future.all(follows).compose(v -> store.views(ids)).map(views -> {
        synchronized (monitor) {
          for (int i = 0; i < setup.size(); i++) {
            Watched w = setup.get(i);
            if (w.latest == null || views.get(i).version() > w.latest.version()) w.latest = views.get(i);
          }
        }
        return (Void) null;
      });
      ready.onFailure(e -> {
        synchronized (monitor) {
          for (Watched w : setup) if (w.ready == ready) w.ready = null;
        }
      });
      for (Watched w : setup) w.ready = ready;
      readies.add(ready);
    }
    return Future.all(readies).mapEmpty();
  }

  void unhold(List<UserId> users) {
    for (UserId u : users) {
      Watched w = watched.get(u);
      if (w == null) continue;
      w.holds--;
      releaseIfIdle(w);
    }
  }

  /// `st` watches `user` (which is held and ready); returns its entry.
  Watched watch(SessionState st, UserId user) {
    Watched w = watched.get(user);
    st.watching.put(user, new long[] {w.latest.version()});
    w.watchers.add(st);
    return w;
  }

  void unwatch(SessionState st, UserId user) {
    if (st.watching.remove(user) == null) return;
    Watched w = watched.get(user);
    if (w == null) return;
    w.watchers.remove(st);
    releaseIfIdle(w);
  }

  private void releaseIfIdle(Watched w) {
    if (!w.watchers.isEmpty() || w.holds > 0) return;
    watched.remove(w.user);
    feed.unfollow(w.user);
  }
}
