package io.wya.gateway.protocol;

/// Heartbeat in either direction; answered by a [Pong] with the same nonce (HB-1).
public record Ping(long nonce) implements ClientFrame, ServerFrame {}
