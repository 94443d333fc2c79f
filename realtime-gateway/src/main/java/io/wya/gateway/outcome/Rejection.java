package io.wya.gateway.outcome;

import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.ServerFrame;

/// A request was rejected with a code of GATEWAY_SPEC §10. Inside the gateway a rejection travels
/// as this (stackless) exception through futures; at the session it becomes exactly one `Error`
/// frame (ERR-1). Whoever throws it has changed no stored state.
public final class Rejection extends RuntimeException {
  private final ServerFrame.Error error;

  public Rejection(ServerFrame.Error error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  public static Rejection of(ErrorCode code, String message) {
    return new Rejection(ServerFrame.Error.of(code, message));
  }

  public ServerFrame.Error error() { return error; }

  public ErrorCode code() { return error.code(); }
}
