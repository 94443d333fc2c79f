package io.wya.gateway.protocol;

/// A decoded server frame with the request id it answers (0 for pushes).
public record ServerMessage(long requestId, ServerFrame frame) {}
