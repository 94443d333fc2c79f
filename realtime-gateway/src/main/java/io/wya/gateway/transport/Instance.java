package io.wya.gateway.transport;

import io.wya.gateway.fanout.Fanout;
import io.wya.gateway.limits.ConnectionCaps;
import io.wya.gateway.observe.HealthChecks;
import io.wya.gateway.session.Session;
import io.wya.gateway.session.SessionServices;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/// What the event loops of one instance share: the session services, the fan-out, the
/// connection gate, the SSE streams and the readiness checks. Built by the composition root.
public final class Instance {
  final SessionServices services;
  final Fanout fanout;
  final ConnectionGate gate;
  final StreamDirectory directory;
  final HealthChecks health;
  final ConcurrentMap<String, Session> streams = new ConcurrentHashMap<>();

  public Instance(SessionServices services, Fanout fanout, ConnectionCaps caps, StreamDirectory directory, HealthChecks health) {
    this.services = services;
    this.fanout = fanout;
    this.gate = new ConnectionGate(services.config().limits(), caps, services.penalties());
    this.directory = directory;
    this.health = health;
    fanout.streams(frame -> {
      Session s = streams.get(frame.streamId());
      if (s != null) s.receive(frame.frame());
    });
  }

  /// Stops admitting connections; readiness answers 503 from now on (CLOSE-2).
  public void drain() { gate.drain(); }
}
