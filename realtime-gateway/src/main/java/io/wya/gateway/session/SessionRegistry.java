package io.wya.gateway.session;

import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.UserId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/// The authenticated sessions of this instance, by device (thread-safe; shared by its event
/// loops). Keeps one session per device in the deployment (SES-1: the newest by authentication
/// time, then session id, wins here and, through the [SessionBus], everywhere), counts sessions
/// per user (LIM-3; inner maps change only inside the outer map's `compute`, so reads are safe), and routes pushes to a device wherever it is connected (KP-10).
public final class SessionRegistry {
  /// What [#register] decided.
  public enum Outcome { REGISTERED, USER_CAP, SUPERSEDED }

  private final int maxPerUser;
  private final ConcurrentHashMap<UserId, Map<DeviceId, Session>> users = new ConcurrentHashMap<>();
  private volatile SessionBus bus = SessionBus.NONE;

  public SessionRegistry(int maxPerUser) {
    this.maxPerUser = maxPerUser;
  }

  public void bus(SessionBus bus) { this.bus = bus; }

  /// Registers an authenticated session, replacing an older session of its device.
  public Outcome register(Session s) {
    DeviceKey d = s.device();
    Session[] replaced = new Session[1];
    Outcome[] outcome = {Outcome.REGISTERED};
    users.compute(d.user(), (u, map) -> {
      Map<DeviceId, Session> m = map == null ? new ConcurrentHashMap<>() : map;
      Session old = m.get(d.device());
      if (old == null && m.size() >= maxPerUser) {
        outcome[0] = Outcome.USER_CAP;
      } else if (old != null && old.newerThan(s.authTimeMs(), s.sessionId())) {
        outcome[0] = Outcome.SUPERSEDED;
      } else {
        replaced[0] = old;
        m.put(d.device(), s);
      }
      return m.isEmpty() ? null : m;
    });
    if (outcome[0] == Outcome.REGISTERED) {
      if (replaced[0] != null) replaced[0].replaced();
      bus.claimed(d, s.authTimeMs(), s.sessionId());
    }
    return outcome[0];
  }

  /// Forgets `s` (when it ends); a newer session of the same device stays.
  public void unregister(Session s) {
    DeviceKey d = s.device();
    if (d == null) return;
    users.computeIfPresent(d.user(), (u, m) -> {
      m.remove(d.device(), s);
      return m.isEmpty() ? null : m;
    });
  }

  /// Another instance authenticated `device`: an older session here ends with SESSION_REPLACED.
  public void claimedElsewhere(DeviceKey device, long authTimeMs, String sessionId) {
    Session[] older = new Session[1];
    users.computeIfPresent(device.user(), (u, m) -> {
      Session s = m.get(device.device());
      if (s != null && !s.newerThan(authTimeMs, sessionId)) {
        m.remove(device.device());
        older[0] = s;
      }
      return m.isEmpty() ? null : m;
    });
    if (older[0] != null) older[0].replaced();
  }

  /// Sends `frame` to `device`'s session, on this instance or another.
  public void push(DeviceKey device, ServerFrame frame) {
    Session s = find(device);
    if (s != null) s.push(Outbound.of(0, frame));
    else bus.push(device, Outbound.of(0, frame).bytes());
  }

  /// Delivers a push from another instance to a local session (dropped when none).
  public void pushedElsewhere(DeviceKey device, Outbound frame) {
    Session s = find(device);
    if (s != null) s.push(frame);
  }

  public Session find(DeviceKey device) {
    Map<DeviceId, Session> m = users.get(device.user());
    return m == null ? null : m.get(device.device());
  }
}
