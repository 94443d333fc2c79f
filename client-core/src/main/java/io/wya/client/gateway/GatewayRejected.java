package io.wya.client.gateway;

import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.ServerFrame;

/// The gateway answered a request with an `Error` (GATEWAY_SPEC §10).
public final class GatewayRejected extends RuntimeException {
  private final ServerFrame.Error error;

  public GatewayRejected(ServerFrame.Error error) {
    super(error.code() + ": " + error.message());
    this.error = error;
  }

  public ServerFrame.Error error() { return error; }

  public ErrorCode code() { return error.code(); }
}
