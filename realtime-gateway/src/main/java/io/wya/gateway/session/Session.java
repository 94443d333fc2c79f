package io.wya.gateway.session;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.wya.gateway.config.GatewayConfig;
import io.wya.gateway.limits.Strikes;
import io.wya.gateway.limits.TokenBucket;
import io.wya.gateway.outcome.Rejection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ClientMessage;
import io.wya.gateway.protocol.CloseCode;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.FrameCodec;
import io.wya.gateway.protocol.FrameDecodeException;
import io.wya.gateway.protocol.Ping;
import io.wya.gateway.protocol.Pong;
import io.wya.gateway.protocol.ServerFrame;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// One connection of one device, driven by the frames it receives (GATEWAY_SPEC §5): challenge,
/// authentication or resume ([Handshake]), then authenticated operations processed one at a time in arrival
/// order, and delivery ([Delivery]). Transport-free: it reads bytes from [#onFrame] and writes
/// [Outbound] frames to a [FrameSink], so tests drive it without sockets. Confined to its [Loop].
public final class Session {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  enum State { CHALLENGED, READY, CLOSED }

  final SessionServices services;
  final GatewayConfig config;
  final FrameSink sink;
  final Loop loop;
  final DeliveryHub hub;
  final String sessionId;
  private final String streamId;
  final byte[] nonce;
  private final long connectedAtMs;
  private final TokenBucket frameBucket;
  private final TokenBucket sendBucket;
  private final Strikes strikes;
  private final ArrayDeque<ClientMessage> inbox = new ArrayDeque<>();
  private final Delivery delivery;
  private final List<Runnable> endHooks = new java.util.ArrayList<>(1);
  private final Handshake handshake;
  State state = State.CHALLENGED;
  private boolean busy;
  private final List<Running> running = new java.util.ArrayList<>(2);
  private boolean held;
  private int inFlightSends;
  private boolean penalizing;
  DeviceKey device;
  long authTimeMs;
  private volatile long lastReceivedMs;
  private long lastSentMs;
  private long lastPingMs;
  private long pingNonce;

  /// @param streamId the SSE stream id, or "" on WebSocket
  public Session(SessionServices services, FrameSink sink, Loop loop, DeliveryHub hub, String streamId) {
    this.services = services;
    this.config = services.config();
    this.sink = sink;
    this.loop = loop;
    this.hub = hub;
    this.streamId = streamId;
    this.sessionId = HexFormat.of().formatHex(services.entropy().bytes(16));
    this.nonce = services.entropy().bytes(32);
    long now = now();
    this.connectedAtMs = now;
    this.lastReceivedMs = now;
    this.lastSentMs = now;
    GatewayConfig.Limits l = config.limits();
    this.frameBucket = new TokenBucket(l.frameRate(), l.frameBurst(), now);
    this.sendBucket = new TokenBucket(l.sendRate(), l.sendBurst(), now);
    this.strikes = new Strikes(l.penaltyStrikes(), l.penaltyWindow().toMillis());
    this.delivery = new Delivery(this);
    this.handshake = new Handshake(this);
  }

  /// Sends the Challenge, the first frame of every connection (§5.1).
  public void start() {
    GatewayConfig.Limits l = config.limits();
    write(Outbound.of(0, new ServerFrame.Challenge(nonce, config.server().gatewayId(), now(),
        (int) config.sessions().heartbeatInterval().toMillis(), (int) config.sessions().heartbeatTimeout().toMillis(),
        new ServerFrame.Limits(l.maxFrameBytes(), config.mls().maxMlsMessageBytes(), config.keyPackages().maxPerUpload(),
            l.frameRate(), l.sendRate()), streamId)));
  }

  // ------------------------------------------------------------------ inbound

  /// One received frame (WebSocket binary message or SSE POST body).
  public void onFrame(byte[] bytes) {
    if (state == State.CLOSED || penalizing) return;
    long now = now();
    lastReceivedMs = now;
    ClientMessage msg;
    try {
      msg = FrameCodec.decodeClient(bytes);
    } catch (FrameDecodeException e) {
      services.metrics().frameIn("invalid");
      reject(e.requestId(), ServerFrame.Error.of(e.code(), e.getMessage()), e.code() != ErrorCode.INVALID_ARGUMENT);
      return;
    }
    services.metrics().frameIn(msg.frame().getClass().getSimpleName());
    long wait = frameBucket.take(now);
    if (wait > 0) {
      services.metrics().rateLimited("frames");
      reject(msg.requestId(), rateLimited("more than " + config.limits().frameRate() + " frames/s (LIM-1)", wait), true);
      return;
    }
    switch (msg.frame()) {
      case Ping p -> {
        write(Outbound.of(msg.requestId(), new Pong(p.nonce())));
        return;
      }
      case Pong p -> {
        return;
      }
      case ClientFrame.Send s when state == State.READY -> {
        long sendWait = sendBucket.take(now);
        if (sendWait > 0) {
          services.metrics().rateLimited("sends");
          reject(msg.requestId(), rateLimited("more than " + config.limits().sendRate() + " sends/s (LIM-1)", sendWait), true);
          return;
        }
      }
      default -> { }
    }
    if (inbox.size() + inFlightSends >= config.limits().frameBurst()) {
      reject(msg.requestId(), rateLimited("too many requests in flight (LIM-1)", 100), true);
      return;
    }
    inbox.add(msg);
    drain();
  }

  /// [#onFrame] from any thread (an SSE POST arriving on another event loop or instance).
  public void receive(byte[] bytes) {
    loop.run(() -> onFrame(bytes));
  }

  /// Processes waiting frames in order. One operation at a time, except that consecutive `Send`s
  /// of application messages go without waiting for each other (their conversation keeps their
  /// order, ADR 0200); any other frame waits until they are answered.
  private void drain() {
    while (!inbox.isEmpty() && state != State.CLOSED && !busy) {
      ClientMessage m = inbox.peek();
      boolean pipelined = state == State.READY && applicationSend(m.frame());
      if (!pipelined && inFlightSends > 0) return;
      inbox.poll();
      Future<ServerFrame> f;
      try {
        f = handle(m);
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      if (f.isComplete()) {
        finish(m, f);
        continue;
      }
      Running running = new Running(m, f, pipelined, now());
      if (pipelined) inFlightSends++;
      else busy = true;
      this.running.add(running);
      f.onComplete(ar -> loop.run(() -> {
        if (release(running)) finish(m, running.future);
        drain();
      }));
    }
  }

  /// An operation that has not answered yet; [#release] ends it once, by its result or by REQ-1.
  private static final class Running {
    final ClientMessage message;
    final Future<ServerFrame> future;
    final boolean pipelined;
    final long startedMs;
    boolean released;

    Running(ClientMessage message, Future<ServerFrame> future, boolean pipelined, long startedMs) {
      this.message = message;
      this.future = future;
      this.pipelined = pipelined;
      this.startedMs = startedMs;
    }
  }

  /// Frees the session's slot of `r`; false when it was already freed.
  private boolean release(Running r) {
    if (r.released) return false;
    r.released = true;
    running.remove(r);
    if (r.pipelined) inFlightSends--;
    else busy = false;
    return true;
  }

  /// REQ-1: an operation still running after `GATEWAY_OPERATION_TIMEOUT` is answered
  /// `UNAVAILABLE` and stops holding the frames behind it; whatever it does later is not sent.
  private void expireOperations(long now) {
    long limit = config.sessions().operationTimeout().toMillis();
    boolean freed = false;
    for (Running r : List.copyOf(running)) {
      if (now - r.startedMs < limit || !release(r)) continue;
      LOG.warn("{} for {} still running after {}; answered UNAVAILABLE (REQ-1)", r.message.frame().getClass().getSimpleName(), device,
          config.sessions().operationTimeout());
      write(Outbound.of(r.message.requestId(), ServerFrame.Error.of(ErrorCode.UNAVAILABLE,
          "the operation did not finish within " + config.sessions().operationTimeout() + "; retry (REQ-1)")));
      freed = true;
    }
    if (freed) drain();
  }

  /// A `Send` whose `mls_message` is a PrivateMessage (wire format 2): an application message,
  /// the only kind that may overtake nothing and be overtaken by nothing but its own kind.
  private static boolean applicationSend(ClientFrame frame) {
    if (!(frame instanceof ClientFrame.Send s)) return false;
    byte[] m = s.mlsMessage();
    return m.length > 4 && m[2] == 0 && m[3] == 2;
  }

  private void finish(ClientMessage m, Future<ServerFrame> f) {
    if (state == State.CLOSED) return;
    if (f.succeeded()) {
      ServerFrame reply = f.result();
      if (reply != null && m.requestId() != 0) write(Outbound.of(m.requestId(), reply));
      return;
    }
    Throwable t = f.cause();
    if (t instanceof Rejection r) {
      boolean strike = r.code() == ErrorCode.ENVELOPE_TOO_LARGE || r.code() == ErrorCode.UNKNOWN_OPERATION
          || r.code() == ErrorCode.RATE_LIMITED;
      reject(m.requestId(), r.error(), strike);
    } else {
      boolean unavailable = isUnavailable(t);
      if (!unavailable) LOG.warn("{} failed for {}", m.frame().getClass().getSimpleName(), device, t);
      write(Outbound.of(m.requestId(), ServerFrame.Error.of(unavailable ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL,
          unavailable ? "a dependency is unavailable; retry with backoff" : "internal error; retry with backoff")));
    }
  }

  private Future<ServerFrame> handle(ClientMessage m) {
    ClientFrame frame = m.frame();
    if (state == State.CHALLENGED) {
      return switch (frame) {
        case ClientFrame.Authenticate a -> handshake.authenticate(m.requestId(), a);
        case ClientFrame.Resume r -> handshake.resume(m.requestId(), r);
        default -> Future.failedFuture(Rejection.of(ErrorCode.NOT_AUTHENTICATED, "authenticate first (AUTH-1)"));
      };
    }
    if (state != State.READY) return Future.succeededFuture();
    return switch (frame) {
      case ClientFrame.Authenticate a -> Future.failedFuture(Rejection.of(ErrorCode.ALREADY_AUTHENTICATED, "already authenticated (AUTH-7)"));
      case ClientFrame.Resume r -> Future.failedFuture(Rejection.of(ErrorCode.ALREADY_AUTHENTICATED, "already authenticated (AUTH-7)"));
      case ClientFrame.Ack a -> delivery.ack(a);
      case ClientFrame.ListConversations l -> delivery.list();
      default -> {
        Operation<ClientFrame> op = services.operations().find(frame);
        yield op == null ? Future.failedFuture(Rejection.of(ErrorCode.UNKNOWN_OPERATION, frame.getClass().getSimpleName()
            + " is not served here (FRM-2)")) : here(op.handle(this, frame));
      }
    };
  }

  /// The handshake succeeded: the session is authenticated and starts delivery (§5.1, DLV-3).
  void ready() {
    state = State.READY;
    hub.attach(this);
  }

  void startDelivery() {
    delivery.start();
  }

  // ------------------------------------------------------------------ rejections and penalties (LIM-4)

  private void reject(long requestId, ServerFrame.Error error, boolean strike) {
    write(Outbound.of(requestId, error));
    if (strike && strikes.strike(now())) penalize();
  }

  private void penalize() {
    if (penalizing || state == State.CLOSED) return;
    penalizing = true;
    services.metrics().penalized();
    List<String> subjects = device == null ? List.of("ip:" + sink.clientAddress())
        : List.of("ip:" + sink.clientAddress(), penaltySubject(device));
    GatewayConfig.Limits l = config.limits();
    here(services.penalties().penalize(subjects, l.penaltyBase(), l.penaltyMax())).onComplete(ar ->
        closeWith(CloseCode.PENALTY, "too many rejected frames (LIM-4)", ar.succeeded() ? ar.result() : l.penaltyBase().toMillis()));
  }

  static String penaltySubject(DeviceKey d) {
    return "dev:" + d.user().hex() + d.device().hex();
  }

  static ServerFrame.Error rateLimited(String message, long retryAfterMs) {
    return ServerFrame.Error.of(ErrorCode.RATE_LIMITED, message).withRetryAfterMs(retryAfterMs);
  }

  // ------------------------------------------------------------------ timers, closing

  /// Called about every second (and more often with short test timeouts) by the loop's ticker:
  /// auth timeout (AUTH-3), heartbeats (HB-2, HB-3), ack flushes (ACK-1).
  public void tick() {
    if (state == State.CLOSED) return;
    long now = now();
    if (state == State.CHALLENGED && now - connectedAtMs >= config.sessions().authTimeout().toMillis()) {
      closeWith(CloseCode.AUTH_TIMEOUT, "not authenticated in time (AUTH-3)", 0);
      return;
    }
    if (now - lastReceivedMs >= config.sessions().heartbeatTimeout().toMillis()) {
      closeWith(CloseCode.HEARTBEAT_TIMEOUT, "nothing received for " + config.sessions().heartbeatTimeout() + " (HB-2)", 0);
      return;
    }
    long interval = config.sessions().heartbeatInterval().toMillis();
    // HB-3 when nothing was sent; HB-4 when nothing came back while frames kept going out (a
    // device that only receives would otherwise never be asked and be closed by HB-2)
    boolean unheard = now - lastReceivedMs >= interval && now - lastPingMs >= interval;
    if (now - lastSentMs >= interval || unheard) {
      write(Outbound.of(0, new Ping(++pingNonce)));
      lastPingMs = now;
    }
    expireOperations(now);
    if (state == State.CLOSED) return;
    if (state == State.READY) delivery.tick(now);
  }

  /// Ends the session with `code`: `Closing` first (CLOSE-1), acks flushed, then the close.
  public void closeWith(CloseCode code, String reason, long retryAfterMs) {
    if (state == State.CLOSED) return;
    write(Outbound.of(0, new ServerFrame.Closing(code, reason, retryAfterMs)));
    end();
    sink.close(code, reason);
  }

  /// The instance is stopping (CLOSE-2): flush acks, then close with GOING_AWAY.
  public Future<Void> goAway() {
    Promise<Void> done = Promise.promise();
    loop.run(() -> {
      if (state == State.CLOSED) {
        done.complete();
        return;
      }
      delivery.flushAcks().onComplete(ar -> loop.run(() -> {
        closeWith(CloseCode.GOING_AWAY, "the instance is stopping; reconnect and resume", 0);
        done.complete();
      }));
    });
    return done.future();
  }

  /// A newer session of the same device took over (SES-1); any thread.
  void replaced() {
    loop.run(() -> closeWith(CloseCode.SESSION_REPLACED, "another session of this device took over (SES-1)", 0));
  }

  /// The transport is gone (peer closed, network cut).
  public void onTransportClosed() {
    if (state != State.CLOSED) end();
  }

  /// The transport's write queue drained below its low-water mark (BP-1).
  public void onDrained() {
    if (state == State.READY) delivery.resumeWriting();
  }

  private void end() {
    boolean wasReady = state == State.READY;
    state = State.CLOSED;
    inbox.clear();
    if (wasReady) {
      delivery.stop();
      hub.detach(this);
    }
    if (device != null) services.registry().unregister(this);
    for (Runnable hook : endHooks) {
      try {
        hook.run();
      } catch (RuntimeException e) {
        LOG.warn("a session end hook failed", e);
      }
    }
    endHooks.clear();
  }

  /// Runs `hook` on this session's loop when the session ends (at once if it has ended):
  /// features that keep per-session state elsewhere (presence) release it there. Any thread.
  public void onEnd(Runnable hook) {
    loop.run(() -> {
      if (state == State.CLOSED) hook.run();
      else endHooks.add(hook);
    });
  }

  /// When the last frame arrived from the client (HB-2); any thread.
  public long lastReceivedMs() { return lastReceivedMs; }

  /// A frame pushed to this device from elsewhere (KP-10, presence); any thread.
  public void push(Outbound frame) {
    loop.run(() -> {
      if (state == State.READY) write(frame);
    });
  }

  // ------------------------------------------------------------------ delivery hooks (from DeliveryHub)

  void offer(DeliveryHub.Prepared p) {
    if (state == State.READY) delivery.offer(p);
  }

  void joined(DeliveryHub.Prepared p) {
    if (state == State.READY) delivery.joined(p);
  }

  void resync() {
    if (state == State.READY) delivery.resync();
  }

  /// This device just created `conv` and is its only member (from any thread).
  public void created(io.wya.gateway.protocol.ConvId conv) {
    loop.run(() -> {
      if (state == State.READY) delivery.created(conv);
    });
  }

  /// Records a seq this session learnt from a reply (a `Sent`), so an ack of it is valid at once.
  public void noteHead(io.wya.gateway.protocol.ConvId conv, long seq) {
    loop.run(() -> delivery.noteHead(conv, seq));
  }

  // ------------------------------------------------------------------ plumbing

  void write(Outbound frame) {
    if (state == State.CLOSED) return;
    if (hub.holding()) {
      if (!held) {
        held = true;
        hub.held(this);
      }
      sink.write(frame, false);
    } else {
      sink.write(frame);
    }
    lastSentMs = now();
    services.metrics().frameOut(frame.type());
  }

  /// The end of a fan-out pass that wrote to this session without flushing.
  void flushHeld() {
    held = false;
    if (state != State.CLOSED) sink.flush();
  }

  /// `f`, completing on this session's loop.
  <T> Future<T> here(Future<T> f) {
    if (f.isComplete() && loop.inLoop()) return f;
    Promise<T> p = Promise.promise();
    f.onComplete(ar -> loop.run(() -> p.handle(ar)));
    return p.future();
  }

  long now() { return services.clock().millis(); }

  boolean newerThan(long otherAuthTimeMs, String otherSessionId) {
    if (authTimeMs != otherAuthTimeMs) return authTimeMs > otherAuthTimeMs;
    return sessionId.compareTo(otherSessionId) > 0;
  }

  private static boolean isUnavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.net.ConnectException || c instanceof java.nio.channels.ClosedChannelException
          || c.getClass().getSimpleName().contains("Closed") || c.getClass().getSimpleName().contains("Timeout")
          || String.valueOf(c.getMessage()).contains("Connection refused")) {
        return true;
      }
    }
    return false;
  }

  /// The authenticated device (null before `Ready`).
  public DeviceKey device() { return device; }

  public String sessionId() { return sessionId; }

  public long authTimeMs() { return authTimeMs; }

  public boolean authenticated() { return state == State.READY; }

  public boolean closed() { return state == State.CLOSED; }
}
