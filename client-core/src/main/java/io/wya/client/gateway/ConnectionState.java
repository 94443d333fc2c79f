package io.wya.client.gateway;

import java.time.Instant;

/// Where the gateway connection is, for status lines (the TUI shows it) and for callers that wait.
public sealed interface ConnectionState {
  /// Opening a transport (attempt counts consecutive failures before this one).
  record Connecting(TransportKind transport, int attempt) implements ConnectionState {}

  /// Transport open, challenge answered, waiting for `Ready`.
  record Authenticating(TransportKind transport) implements ConnectionState {}

  /// `Ready`; the backlog after the ack cursors is streaming in (DLV-3).
  record CatchingUp(TransportKind transport) implements ConnectionState {}

  /// `CaughtUp` seen: live entries only.
  record Live(TransportKind transport) implements ConnectionState {}

  /// Disconnected; the next attempt is at `retryAt`.
  record Waiting(Instant retryAt, String reason) implements ConnectionState {}

  /// Given up: closed by us, or a close the spec says not to retry (AUTH_FAILED, SESSION_REPLACED, …).
  record Stopped(String reason, boolean byUs) implements ConnectionState {}

  /// A short line for people: "live (WebSocket)", "reconnecting in 3s: …".
  static String describe(ConnectionState state, Instant now) {
    return switch (state) {
      case Connecting c -> "connecting (" + name(c.transport()) + (c.attempt() > 0 ? ", attempt " + (c.attempt() + 1) : "") + ")";
      case Authenticating a -> "authenticating (" + name(a.transport()) + ")";
      case CatchingUp c -> "catching up (" + name(c.transport()) + ")";
      case Live l -> "live (" + name(l.transport()) + ")";
      case Waiting w -> "reconnecting in " + Math.max(0, (w.retryAt().toEpochMilli() - now.toEpochMilli() + 999) / 1000) + "s: " + w.reason();
      case Stopped s -> s.byUs() ? "offline" : "stopped: " + s.reason();
    };
  }

  private static String name(TransportKind kind) { return kind == TransportKind.WEBSOCKET ? "WebSocket" : "SSE"; }
}
