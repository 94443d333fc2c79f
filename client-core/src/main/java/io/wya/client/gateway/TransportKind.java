package io.wya.client.gateway;

/// The two transports of GATEWAY_SPEC §3.
public enum TransportKind {
  /// `GET /v1/ws` upgraded; one binary message per frame.
  WEBSOCKET,
  /// `GET /v1/sse` for server frames, `POST /v1/sse/{stream_id}` for client frames.
  SSE
}
