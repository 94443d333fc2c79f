package io.wya.gateway.session;

import io.wya.gateway.protocol.CloseCode;

/// What a [Session] writes to: one transport connection (WebSocket or SSE). The transport calls
/// back [Session#onFrame], [Session#onDrained] and [Session#onTransportClosed] on the session's
/// event loop. A test implements it with a list.
public interface FrameSink {
  /// Queues one frame for writing; never blocks.
  void write(Outbound frame);

  /// Queues one frame, flushing it to the socket only if `flush`; frames written without a flush
  /// go out at the next flush, in order. Transports that cannot hold writes flush every time.
  default void write(Outbound frame, boolean flush) {
    write(frame);
  }

  /// Writes out what was queued without a flush.
  default void flush() { }

  /// Bytes queued but not yet written to the socket (BP-1).
  long queuedBytes();

  /// Ends the connection after what was written (the session has written `Closing` first).
  void close(CloseCode code, String reason);

  /// `ws` or `sse` (metrics, logs).
  String transport();

  /// The client address the caps and penalties use (LIM-3).
  String clientAddress();
}
