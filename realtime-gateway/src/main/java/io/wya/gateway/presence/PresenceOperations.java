package io.wya.gateway.presence;

import io.vertx.core.Future;
import io.wya.gateway.outcome.Rejection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.session.Operations;
import io.wya.gateway.session.Outbound;
import io.wya.gateway.session.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/// Plugs presence into the session's dispatch table (frames 200–249): `SetPresence` and
/// `WatchPresence` go to the [PresenceHub]; its `Error` answers become [Rejection]s, so the
/// session answers them as it answers every rejected request (ERR-1, LIM-4 strikes included).
/// Each session gets one [PresenceSession] view, released by the hub when the session ends.
public final class PresenceOperations {
  private PresenceOperations() {}

  public static Operations register(Operations ops, PresenceHub hub) {
    Map<Session, Attached> attached = new ConcurrentHashMap<>();
    ops.register(ClientFrame.SetPresence.class, (s, f) -> answer(hub.setPresence(attach(attached, hub, s), f)));
    ops.register(ClientFrame.WatchPresence.class, (s, f) -> answer(hub.watch(attach(attached, hub, s), f)));
    return ops;
  }

  private static Attached attach(Map<Session, Attached> attached, PresenceHub hub, Session s) {
    return attached.computeIfAbsent(s, session -> {
      Attached a = new Attached(session);
      session.onEnd(() -> {
        attached.remove(session);
        hub.detach(a);
      });
      return a;
    });
  }

  private static Future<ServerFrame> answer(Future<ServerFrame> reply) {
    return reply.compose(frame -> frame instanceof ServerFrame.Error e ? Future.failedFuture(new Rejection(e)) : Future.succeededFuture(frame));
  }

  /// A gateway session as presence sees it.
  private record Attached(Session session) implements PresenceSession {
    @Override public DeviceKey device() { return session.device(); }

    @Override public void push(PresencePush push) {
      session.push(Outbound.encoded(push.bytes(), push.frame().getClass().getSimpleName()));
    }

    @Override public long lastReceivedMs() { return session.lastReceivedMs(); }

    @Override public boolean closed() { return session.closed(); }
  }
}
