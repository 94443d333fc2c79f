package io.wya.gateway.transport;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.wya.gateway.config.GatewayConfig;
import io.wya.gateway.limits.ConnectionCaps;
import io.wya.gateway.limits.PenaltyStore;

/// The checks before a session starts (HTTP-2, LIM-3, LIM-4): the instance is not stopping, the
/// instance and the client address are under their caps, the address is not barred. A passed
/// check holds one slot in the caps until [#release].
final class ConnectionGate {
  /// Seconds a client waits before retrying a full instance or address.
  static final long CAP_RETRY_AFTER_MS = 5_000;

  private final GatewayConfig.Limits limits;
  private final ConnectionCaps caps;
  private final PenaltyStore penalties;
  private volatile boolean draining;

  ConnectionGate(GatewayConfig.Limits limits, ConnectionCaps caps, PenaltyStore penalties) {
    this.limits = limits;
    this.caps = caps;
    this.penalties = penalties;
  }

  /// A refusal to answer with, or null when the connection may proceed.
  record Refusal(int status, String code, String message, long retryAfterMs) {}

  /// The client address of `request`: the first value of the configured header, else the peer.
  String clientAddress(HttpServerRequest request) {
    if (limits.trustsClientIpHeader()) {
      String header = request.getHeader(limits.clientIpHeader());
      if (header != null && !header.isBlank()) return header.split(",")[0].trim();
    }
    return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
  }

  Future<Refusal> admit(String address) {
    if (draining) return Future.succeededFuture(new Refusal(503, "UNAVAILABLE", "this instance is stopping; use another", 1000));
    switch (caps.open(address)) {
      case INSTANCE_FULL -> {
        return Future.succeededFuture(new Refusal(503, "UNAVAILABLE", "this instance is at its connection cap (LIM-3)", CAP_RETRY_AFTER_MS));
      }
      case ADDRESS_FULL -> {
        return Future.succeededFuture(new Refusal(429, "TOO_MANY_CONNECTIONS", "too many connections from your address (LIM-3)",
            CAP_RETRY_AFTER_MS));
      }
      case NONE -> { }
    }
    if (limits.penaltyStrikes() == 0) return Future.succeededFuture();
    return penalties.barredForMs("ip:" + address).transform(ar -> {
      long bar = ar.succeeded() ? ar.result() : 0;
      if (bar <= 0) return Future.succeededFuture();
      caps.close(address);
      return Future.succeededFuture(new Refusal(429, "RATE_LIMITED", "your address is barred after a penalty (LIM-4)", bar));
    });
  }

  void release(String address) { caps.close(address); }

  void drain() { draining = true; }

  boolean draining() { return draining; }
}
