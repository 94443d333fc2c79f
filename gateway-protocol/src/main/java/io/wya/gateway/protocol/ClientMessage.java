package io.wya.gateway.protocol;

/// A decoded client frame with its request id (uint32; 0 = no success reply, FRM-3).
public record ClientMessage(long requestId, ClientFrame frame) {}
