package io.wya.client.gateway;

import java.util.concurrent.CompletableFuture;

/// One connection to the gateway that carries frames both ways (GATEWAY_SPEC §3): a WebSocket, or
/// an SSE stream plus POSTs. Frames are opaque bytes here; [GatewaySession] speaks the protocol.
public interface Transport {
  /// Close code reported when the connection was cut without a close frame.
  int CUT = 1006;

  TransportKind kind();

  /// Sends one frame. Frames are sent in call order; the future completes when the transport took
  /// it (WS: written; SSE: `202`) and fails when the connection is gone.
  CompletableFuture<Void> send(byte[] frame);

  /// Ends the connection; [Listener#onClosed] follows (once).
  void close(int code, String reason);

  /// What a transport reports, from its own threads.
  interface Listener {
    void onFrame(byte[] frame);

    /// The connection ended: the WebSocket close code, the SSE `Closing` code, or [#CUT].
    void onClosed(int code, String reason);
  }

  /// Opens transports of either kind to one gateway.
  interface Factory {
    /// @throws TransportException when the upgrade or the stream request is refused or fails
    Transport open(TransportKind kind, Listener listener) throws TransportException;
  }
}
