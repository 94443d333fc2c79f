package io.wya.client.gateway;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.identity.Identity;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.FrameCodec;
import io.wya.gateway.protocol.FrameDecodeException;
import io.wya.gateway.protocol.Ping;
import io.wya.gateway.protocol.Pong;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.ServerMessage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/// The protocol of one transport connection (GATEWAY_SPEC §5): answer the `Challenge` with
/// `Resume` (when a token is held) or `Authenticate`, fall back from a refused token to a
/// signature on the same connection (AUTH-6), answer `Ping`s, match replies to requests by
/// `request_id` (FRM-3) and hand everything unrequested to [Events]. [#onFrame] runs on the
/// connection's event thread; [#request] may be called from any thread.
final class GatewaySession {
  enum Phase { AWAITING_CHALLENGE, AUTHENTICATING, READY }

  /// What the session reports to its [GatewayConnection], on the event thread.
  interface Events {
    void ready(ServerFrame.Ready ready, boolean fresh);

    void push(ServerFrame frame, byte[] raw);

    /// Authentication was refused for good (the close that follows says how to go on).
    void refused(ServerFrame.Error error);
  }

  private final Transport transport;
  private final Identity identity;
  private final String clientInfo;
  private final Events events;
  private final Duration requestTimeout;
  private final java.util.function.Consumer<String> trace;
  private final Map<Long, CompletableFuture<ServerMessage>> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextRequestId = new AtomicLong(1);
  private byte[] resumeToken;
  private long authRequestId;
  private boolean resuming;
  private volatile Phase phase = Phase.AWAITING_CHALLENGE;
  private ServerFrame.Challenge challenge;
  private ServerFrame.Closing closing;

  GatewaySession(Transport transport, Identity identity, byte[] resumeToken, String clientInfo, Duration requestTimeout, Events events,
                 java.util.function.Consumer<String> trace) {
    this.trace = trace;
    this.transport = transport;
    this.identity = identity;
    this.resumeToken = resumeToken;
    this.clientInfo = clientInfo;
    this.requestTimeout = requestTimeout;
    this.events = events;
  }

  Phase phase() { return phase; }

  Transport transport() { return transport; }

  /// The Challenge of this connection, once it arrived.
  ServerFrame.Challenge challenge() { return challenge; }

  /// The `Closing` the gateway sent before ending the connection, if any (CLOSE-1).
  ServerFrame.Closing closing() { return closing; }

  private CompletableFuture<Void> write(long requestId, ClientFrame frame) {
    trace.accept("-> " + describe(frame) + (requestId == 0 ? "" : " #" + requestId));
    return transport.send(FrameCodec.encodeClient(requestId, frame));
  }

  private static String describe(Object frame) {
    return switch (frame) {
      case ServerFrame.Deliver d -> "Deliver " + d.kind() + " seq " + d.seq();
      case ServerFrame.Error e -> "Error " + e.code() + " " + e.message();
      case ServerFrame.Sent s -> "Sent seq " + s.seq();
      case ClientFrame.Ack a -> "Ack " + a.cursors().stream().map(c -> Long.toString(c.seq())).toList();
      default -> frame.getClass().getSimpleName();
    };
  }

  void onFrame(byte[] bytes) {
    ServerMessage message;
    try {
      message = FrameCodec.decodeServer(bytes);
    } catch (FrameDecodeException e) {
      CompletableFuture<ServerMessage> waiting = pending.remove(e.requestId());
      if (waiting != null) waiting.completeExceptionally(new ClientException(ClientError.BAD_RESPONSE, "undecodable reply: " + e.getMessage()));
      return;
    }
    long id = message.requestId();
    trace.accept("<- " + describe(message.frame()) + (id == 0 ? "" : " #" + id));
    switch (message.frame()) {
      case ServerFrame.Challenge c -> onChallenge(c);
      case ServerFrame.Ready r -> {
        phase = Phase.READY;
        resumeToken = null;
        events.ready(r, !resuming);
      }
      case ServerFrame.Error e when id == authRequestId && phase == Phase.AUTHENTICATING -> {
        if (resuming && e.code() == ErrorCode.RESUME_TOKEN_INVALID) authenticate();
        else events.refused(e);
      }
      case ServerFrame.Error e -> {
        CompletableFuture<ServerMessage> waiting = pending.remove(id);
        if (waiting != null) waiting.completeExceptionally(new GatewayRejected(e));
      }
      case ServerFrame.Closing c -> closing = c;
      case Ping p -> write(0, new Pong(p.nonce()));
      case Pong p -> { /* an answer to a Ping of ours: life, nothing else */ }
      case ServerFrame.Deliver d -> events.push(d, bytes);
      case ServerFrame.CaughtUp c -> events.push(c, bytes);
      case ServerFrame.HistoryGap g -> events.push(g, bytes);
      case ServerFrame.KeyPackagesLow l -> events.push(l, bytes);
      case ServerFrame.Unknown u -> events.push(u, bytes);
      default -> {
        if (id == 0) {
          events.push(message.frame(), bytes);
        } else {
          CompletableFuture<ServerMessage> waiting = pending.remove(id);
          if (waiting != null) waiting.complete(message);
        }
      }
    }
  }

  /// Sends a request and completes with its reply; fails with [GatewayRejected] on an `Error`.
  CompletableFuture<ServerMessage> request(ClientFrame frame) {
    long id = nextRequestId.getAndIncrement() & 0xffffffffL;
    CompletableFuture<ServerMessage> reply = new CompletableFuture<>();
    pending.put(id, reply);
    write(id, frame).whenComplete((v, e) -> {
      if (e != null) {
        pending.remove(id);
        reply.completeExceptionally(new ClientException(ClientError.UNREACHABLE, "the connection to the gateway was lost", e));
      }
    });
    return reply.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((m, e) -> pending.remove(id));
  }

  /// Sends without a reply (`request_id` 0: acks).
  void fire(ClientFrame frame) { write(0, frame); }

  void failPending(Throwable cause) {
    pending.values().forEach(f -> f.completeExceptionally(cause));
    pending.clear();
  }

  private void onChallenge(ServerFrame.Challenge c) {
    if (challenge != null) return;
    challenge = c;
    phase = Phase.AUTHENTICATING;
    if (resumeToken != null && resumeToken.length > 0) {
      resuming = true;
      authRequestId = nextRequestId.getAndIncrement();
      write(authRequestId, new ClientFrame.Resume(resumeToken));
    } else {
      authenticate();
    }
  }

  private void authenticate() {
    resuming = false;
    authRequestId = nextRequestId.getAndIncrement();
    byte[] message = io.wya.gateway.protocol.AuthMessage.of(challenge.gatewayId(), challenge.nonce(), identity.deviceKey());
    byte[] signature = identity.key().sign(message).toByteArray();
    write(authRequestId, new ClientFrame.Authenticate(identity.deviceKey(), signature, clientInfo));
  }
}
