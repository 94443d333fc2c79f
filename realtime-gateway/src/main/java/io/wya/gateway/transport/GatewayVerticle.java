package io.wya.gateway.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.wya.gateway.config.GatewayConfig;
import io.wya.gateway.fanout.Fanout;
import io.wya.gateway.session.DeliveryHub;
import io.wya.gateway.session.Entropy;
import io.wya.gateway.session.FrameSink;
import io.wya.gateway.session.Loop;
import io.wya.gateway.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/// One event loop of an instance: an HTTP server on the shared port (Vert.x spreads
/// connections over the deployed instances), the loop's [DeliveryHub], and a ticker that drives
/// the sessions' timers. Everything here runs on this verticle's event loop.
public final class GatewayVerticle extends VerticleBase implements LoopContext {
  private final Instance instance;
  private final DeliveryHub hub = new DeliveryHub();
  private final Set<Connection> connections = new LinkedHashSet<>();
  private Loop loop;
  private HttpServer server;
  private long ticker;

  public GatewayVerticle(Instance instance) {
    this.instance = instance;
  }

  @Override
  public Future<?> start() {
    GatewayConfig cfg = settings();
    // the loop is this verticle's event loop thread: a callback completing on another context of
    // the same thread (a PostgreSQL or Redis connection's) runs at once instead of queueing
    // behind the loop's pending tasks
    Thread loopThread = Thread.currentThread();
    loop = new Loop() {
      @Override public boolean inLoop() { return Thread.currentThread() == loopThread; }

      @Override
      public void run(Runnable task) {
        if (inLoop()) task.run();
        else context.runOnContext(v -> task.run());
      }
    };
    hub.latency(acceptedAt -> instance.services.metrics().delivered(acceptedAt, nowMs()));
    instance.fanout.addHub(loop, hub);
    ticker = vertx.setPeriodic(tickIntervalMs(cfg), id -> tick());
    // The decoder's hard caps sit above the protocol limit, so an oversized message is read (at
    // most twice the limit) and refused with a proper 1009 close by the transport (TRN-2) rather
    // than a dropped connection; beyond the hard caps Netty drops the connection.
    int hardCap = webSocketFrameCap(cfg);
    HttpServerOptions options = new HttpServerOptions().setHost(cfg.server().httpHost()).setPort(cfg.server().httpPort())
        .setMaxWebSocketFrameSize(hardCap).setMaxWebSocketMessageSize(hardCap).setRegisterWebSocketWriteHandlers(false)
        .setTcpNoDelay(true)
        // HTTP-3: an h2c upgrade would let requests tunnel past a fronting proxy's rules.
        .setHttp2ClearTextEnabled(false);
    HttpRoutes routes = new HttpRoutes(this, new WebSocketTransport(this), new SseTransport(this));
    server = vertx.createHttpServer(options).requestHandler(routes);
    return server.listen();
  }

  /// The decoder's hard cap on a WebSocket frame and message, and the size of the fragments a
  /// larger outgoing message is split into.
  static int webSocketFrameCap(GatewayConfig cfg) {
    return (int) Math.min(Integer.MAX_VALUE, 2L * cfg.limits().maxFrameBytes());
  }

  /// The port this loop's server listens on (the same for every loop of the instance).
  public int port() { return server.actualPort(); }

  /// Closes every session of this loop with GOING_AWAY after flushing its acks (CLOSE-2).
  public Future<Void> goAway() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      List<Future<Void>> closing = new ArrayList<>();
      for (Connection c : List.copyOf(connections)) closing.add(c.session().goAway());
      Future.join(closing).onComplete(ar -> done.tryComplete());
    });
    return done.future();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(ticker);
    instance.fanout.removeHub(hub);
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void tick() {
    long now = nowMs();
    for (Connection c : List.copyOf(connections)) {
      c.session().tick();
      c.tick(now);
    }
  }

  /// Often enough for the shortest configured timer, at most once a second.
  static long tickIntervalMs(GatewayConfig cfg) {
    long shortest = Math.min(Math.min(cfg.sessions().authTimeout().toMillis(), cfg.sessions().heartbeatInterval().toMillis()),
        Math.min(cfg.sessions().heartbeatTimeout().toMillis(), cfg.delivery().ackFlushInterval().toMillis()));
    return Math.max(10, Math.min(1000, shortest / 4));
  }

  // ------------------------------------------------------------------ LoopContext

  @Override public GatewayConfig settings() { return instance.services.config(); }

  @Override public ConnectionGate gate() { return instance.gate; }

  @Override public Entropy entropy() { return instance.services.entropy(); }

  @Override public long nowMs() { return instance.services.clock().millis(); }

  @Override
  public Session newSession(FrameSink sink, String streamId) {
    return new Session(instance.services, sink, loop, hub, streamId);
  }

  @Override
  public void opened(Connection connection, String transport) {
    connections.add(connection);
    instance.services.metrics().connectionOpened(transport);
  }

  @Override
  public void closed(Connection connection, String transport) {
    if (connections.remove(connection)) instance.services.metrics().connectionClosed(transport);
  }

  @Override public ConcurrentMap<String, Session> streams() { return instance.streams; }

  @Override public StreamDirectory directory() { return instance.directory; }

  @Override public Fanout fanout() { return instance.fanout; }

  @Override public String instanceId() { return instance.fanout.instanceId(); }

  Instance instance() { return instance; }
}
