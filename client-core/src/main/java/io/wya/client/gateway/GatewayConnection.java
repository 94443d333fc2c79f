package io.wya.client.gateway;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.identity.Identity;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.CloseCode;
import io.wya.gateway.protocol.RetryPolicy;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.ServerMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/// A device's long-lived connection to the gateway: WebSocket first, SSE when the upgrade fails or
/// the WebSocket is cut twice before `Ready` (GATEWAY_SPEC §3); reconnects with full-jitter
/// backoff, obeying each close code's retry policy (§11); resumes with the last resume token, and
/// otherwise signs a fresh challenge; closes a connection that has been silent longer than the
/// heartbeat timeout. Everything — transport callbacks, state changes, listener calls — runs on one
/// event thread, so the listener sees frames in arrival order.
///
/// Listener callbacks must not block on [#call]: the reply would be processed by the very thread
/// that waits for it. Chain on the future instead.
public final class GatewayConnection implements AutoCloseable {
  /// Sessions cut before `Ready` this many times in a row on WebSocket switch to SSE.
  static final int CUTS_BEFORE_SSE = 2;
  static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(75);
  static final Duration CHALLENGE_TIMEOUT = Duration.ofSeconds(15);
  static final Duration WATCHDOG_PERIOD = Duration.ofSeconds(5);

  private final Transport.Factory transports;
  private final Identity identity;
  private final Backoff backoff;
  private final Clock clock;
  private final GatewayListener listener;
  private final String clientInfo;
  private final Duration requestTimeout;
  private final ScheduledExecutorService loop;

  /// Which transports to use: both (WebSocket first, the default), or only one of them (a network
  /// known to break WebSockets; tests of each path).
  public enum Transports { AUTO, WEBSOCKET_ONLY, SSE_ONLY }

  private Transports allowed = Transports.AUTO;
  private java.util.function.Consumer<String> trace = line -> { };
  private TransportKind preferred = TransportKind.WEBSOCKET;
  private int cutsBeforeReady;
  private GatewaySession session;
  private long lastReceivedMs;
  private byte[] resumeToken;
  private boolean stopping;
  private ScheduledFuture<?> watchdog;
  private volatile ConnectionState state = new ConnectionState.Stopped("not started", true);
  private volatile CompletableFuture<GatewaySession> ready = new CompletableFuture<>();
  private volatile CompletableFuture<Void> caughtUp = new CompletableFuture<>();
  private final CompletableFuture<Void> closedByUs = new CompletableFuture<>();

  public GatewayConnection(Transport.Factory transports, Identity identity, Backoff backoff, Clock clock, GatewayListener listener,
                           String clientInfo, Duration requestTimeout) {
    this.transports = transports;
    this.identity = identity;
    this.backoff = backoff;
    this.clock = clock;
    this.listener = listener;
    this.clientInfo = clientInfo;
    this.requestTimeout = requestTimeout;
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("wya-gateway").unstarted(r));
  }

  /// Reports every frame sent and received (`WYA_TRACE=1`); call before [#start].
  public GatewayConnection trace(java.util.function.Consumer<String> trace) {
    this.trace = trace;
    return this;
  }

  /// Restricts the transports; call before [#start].
  public GatewayConnection transports(Transports policy) {
    this.allowed = policy;
    this.preferred = policy == Transports.SSE_ONLY ? TransportKind.SSE : TransportKind.WEBSOCKET;
    return this;
  }

  public void start() {
    loop.execute(() -> {
      stopping = false;
      watchdog = loop.scheduleWithFixedDelay(this::checkHeartbeat, WATCHDOG_PERIOD.toMillis(), WATCHDOG_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
      connect();
    });
  }

  public ConnectionState state() { return state; }

  /// Completes when the current (or next) session is ready; fails when the connection stopped for good.
  public CompletableFuture<Void> awaitReady() { return ready.thenApply(s -> null); }

  /// Completes at the first `CaughtUp` of the current (or next) session.
  public CompletableFuture<Void> awaitCaughtUp() { return caughtUp; }

  /// Sends a request once a session is ready. Fails with [GatewayRejected] when the gateway refuses
  /// it, with `UNREACHABLE` when the connection is lost before the reply (the caller decides whether
  /// the request is safe to repeat: `Send` is, by its `msg_id`).
  public CompletableFuture<ServerMessage> call(ClientFrame frame) {
    return ready.thenCompose(s -> s.request(frame));
  }

  /// Sends without waiting for a reply when a session is ready; dropped otherwise (acks: the
  /// gateway re-delivers what was not acked).
  public void fire(ClientFrame frame) {
    loop.execute(() -> {
      if (session != null && session.phase() == GatewaySession.Phase.READY) session.fire(frame);
    });
  }

  /// Drops the current session (it seems stuck) and connects again; pending requests fail.
  public void reconnect(String reason) {
    loop.execute(() -> {
      if (session != null) session.transport().close(CloseCode.NORMAL.code(), reason);
    });
  }

  /// Runs `task` on the event thread (after everything already queued).
  public void onEventThread(Runnable task) { loop.execute(task); }

  /// Runs `task` on the event thread after `delay`.
  public void schedule(Runnable task, Duration delay) { loop.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS); }

  /// Closes the session (after frames already queued went out) and stops the event thread.
  @Override public void close() {
    if (loop.isShutdown()) return;
    loop.execute(() -> {
      stopping = true;
      if (watchdog != null) watchdog.cancel(false);
      if (session != null) session.transport().close(CloseCode.NORMAL.code(), "client closing");
      else closedByUs.complete(null);
    });
    try {
      closedByUs.get(3, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the transport did not confirm in time; stop anyway
    }
    loop.shutdown();
    try {
      if (!loop.awaitTermination(2, TimeUnit.SECONDS)) loop.shutdownNow();
    } catch (InterruptedException e) {
      loop.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ event thread only

  private void connect() {
    if (stopping) return;
    setState(new ConnectionState.Connecting(preferred, backoff.failures()));
    Transport transport;
    try {
      transport = open(preferred);
    } catch (TransportException e) {
      if (preferred == TransportKind.WEBSOCKET && allowed == Transports.AUTO && !e.admissionRefused()) {
        try {
          transport = open(TransportKind.SSE);
          preferred = TransportKind.SSE;
        } catch (TransportException sse) {
          retryLater(sse.retryAfterMs() > 0 ? Duration.ofMillis(sse.retryAfterMs()) : backoff.next(), e.getMessage());
          return;
        }
      } else {
        retryLater(e.retryAfterMs() > 0 ? Duration.ofMillis(e.retryAfterMs()) : backoff.next(), e.getMessage());
        return;
      }
    }
    lastReceivedMs = clock.millis();
    GatewaySession s = new GatewaySession(transport, identity, resumeToken, clientInfo, requestTimeout, new SessionEvents(), trace);
    session = s;
    setState(new ConnectionState.Authenticating(transport.kind()));
  }

  private Transport open(TransportKind kind) throws TransportException {
    Transport[] self = new Transport[1];
    Transport opened = transports.open(kind, new Transport.Listener() {
      @Override public void onFrame(byte[] frame) {
        loop.execute(() -> {
          if (session != null && session.transport() == self[0]) {
            lastReceivedMs = clock.millis();
            session.onFrame(frame);
          }
        });
      }

      @Override public void onClosed(int code, String reason) {
        loop.execute(() -> {
          if (session != null && session.transport() == self[0]) closed(code, reason);
        });
      }
    });
    self[0] = opened;
    return opened;
  }

  private void closed(int code, String reason) {
    GatewaySession s = session;
    session = null;
    boolean wasReady = s.phase() == GatewaySession.Phase.READY;
    s.failPending(new ClientException(ClientError.UNREACHABLE, "the connection to the gateway was lost (" + code + " " + reason + ")"));
    if (ready.isDone()) ready = new CompletableFuture<>();
    if (caughtUp.isDone()) caughtUp = new CompletableFuture<>();
    if (stopping) {
      setState(new ConnectionState.Stopped("closed", true));
      closedByUs.complete(null);
      return;
    }
    ServerFrame.Closing closing = s.closing();
    CloseCode close = closing != null ? closing.code() : CloseCode.of(code);
    RetryPolicy policy = close == null ? RetryPolicy.RECONNECT_WITH_BACKOFF : close.retry();
    String why = (close == null ? "connection cut" : close.name()) + (reason == null || reason.isBlank() ? "" : ": " + reason);
    if (!wasReady && s.transport().kind() == TransportKind.WEBSOCKET && close == null && allowed == Transports.AUTO) {
      cutsBeforeReady++;
      if (cutsBeforeReady >= CUTS_BEFORE_SSE) preferred = TransportKind.SSE;
    }
    switch (policy) {
      case DO_NOT_RECONNECT -> stop(why);
      case RECONNECT_NOW -> retryLater(Duration.ZERO, why);
      case RECONNECT_AFTER_DELAY -> retryLater(closing != null && closing.retryAfterMs() > 0
          ? Duration.ofMillis(closing.retryAfterMs()) : backoff.next(), why);
      case NONE, RECONNECT_WITH_BACKOFF -> retryLater(backoff.next(), why);
    }
  }

  private void retryLater(Duration delay, String reason) {
    if (stopping) return;
    setState(new ConnectionState.Waiting(clock.instant().plus(delay), reason));
    loop.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void stop(String reason) {
    stopping = true;
    closedByUs.complete(null);
    if (watchdog != null) watchdog.cancel(false);
    ClientException ended = new ClientException(ClientError.SESSION_ENDED, "the gateway ended the session: " + reason);
    ready.completeExceptionally(ended);
    caughtUp.completeExceptionally(ended);
    setState(new ConnectionState.Stopped(reason, false));
  }

  /// A connection that said nothing for longer than the heartbeat timeout is dead even if TCP has
  /// not noticed (HB-2 from the client's side).
  void checkHeartbeat() {
    GatewaySession s = session;
    if (s == null) return;
    Duration limit = s.challenge() == null ? CHALLENGE_TIMEOUT
        : s.challenge().heartbeatTimeoutMs() > 0 ? Duration.ofMillis(s.challenge().heartbeatTimeoutMs()) : DEFAULT_HEARTBEAT_TIMEOUT;
    if (clock.millis() - lastReceivedMs > limit.toMillis()) s.transport().close(CloseCode.HEARTBEAT_TIMEOUT.code(), "gateway silent");
  }

  private void setState(ConnectionState next) {
    state = next;
    listener.onState(next);
  }

  private final class SessionEvents implements GatewaySession.Events {
    @Override public void ready(ServerFrame.Ready r, boolean fresh) {
      resumeToken = r.resumeToken();
      backoff.reset();
      cutsBeforeReady = 0;
      setState(new ConnectionState.CatchingUp(session.transport().kind()));
      ready.complete(session);
      listener.onReady(r, fresh);
    }

    @Override public void push(ServerFrame frame, byte[] raw) {
      switch (frame) {
        case ServerFrame.Deliver d -> listener.onDeliver(d);
        case ServerFrame.CaughtUp c -> {
          setState(new ConnectionState.Live(session.transport().kind()));
          caughtUp.complete(null);
          listener.onCaughtUp(c);
        }
        case ServerFrame.HistoryGap g -> listener.onHistoryGap(g);
        case ServerFrame.KeyPackagesLow l -> listener.onKeyPackagesLow(l);
        case ServerFrame.Unknown u -> listener.onOtherFrame(u.fieldNumber(), raw);
        default -> listener.onPush(frame);
      }
    }

    @Override public void refused(ServerFrame.Error error) {
      resumeToken = null;
      // the gateway closes with the code of the error (AUTH_FAILED 4001, DEVICE_LIMIT 4005, …);
      // if it did not, do not keep a half-authenticated connection open
      if (error.code().closes() == null) session.transport().close(CloseCode.PROTOCOL_VIOLATION.code(), error.message());
    }
  }

  /// For tests: a consumer that runs on the event thread and waits for it.
  void sync(Consumer<GatewayConnection> check) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(() -> {
      check.accept(this);
      done.complete(null);
    });
    done.join();
  }
}
