package io.wya.gateway.protocol;

/// Answer to a [Ping].
public record Pong(long nonce) implements ClientFrame, ServerFrame {}
