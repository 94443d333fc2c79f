package io.wya.gateway.transport;

import io.wya.gateway.config.GatewayConfig;
import io.wya.gateway.fanout.Fanout;
import io.wya.gateway.session.Entropy;
import io.wya.gateway.session.FrameSink;
import io.wya.gateway.session.Session;
import java.util.concurrent.ConcurrentMap;

/// What the transports of one event loop need from it ([GatewayVerticle] implements it).
interface LoopContext {
  GatewayConfig settings();

  ConnectionGate gate();

  Entropy entropy();

  long nowMs();

  /// A new, not yet started session on this loop.
  Session newSession(FrameSink sink, String streamId);

  void opened(Connection connection, String transport);

  void closed(Connection connection, String transport);

  /// Open SSE streams of this instance, by stream id (all loops).
  ConcurrentMap<String, Session> streams();

  StreamDirectory directory();

  Fanout fanout();

  String instanceId();
}
