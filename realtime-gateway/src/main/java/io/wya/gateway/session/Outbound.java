package io.wya.gateway.session;

import io.wya.gateway.protocol.FrameCodec;
import io.wya.gateway.protocol.ServerFrame;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/// One encoded server frame, shareable between the sessions it is fanned out to: the bytes are
/// encoded once per entry, and the SSE event text once per entry on first use.
public final class Outbound {
  private final byte[] bytes;
  private final String type;
  private volatile byte[] sseEvent;
  private volatile io.vertx.core.buffer.Buffer sseBuffer;

  private Outbound(byte[] bytes, String type) {
    this.bytes = bytes;
    this.type = type;
  }

  public static Outbound of(long requestId, ServerFrame frame) {
    return new Outbound(FrameCodec.encodeServer(requestId, frame), frame.getClass().getSimpleName());
  }

  /// An already encoded frame of a known type (a presence push encoded once for its watchers).
  public static Outbound encoded(byte[] bytes, String type) {
    return new Outbound(bytes, type);
  }

  /// An already encoded frame (a push relayed from another instance).
  public static Outbound raw(byte[] bytes) {
    return new Outbound(bytes, "Relayed");
  }

  /// The `Frame` bytes (one WebSocket binary message); callers must not modify them.
  public byte[] bytes() { return bytes; }

  /// [#sseEvent] as one shared buffer.
  public io.vertx.core.buffer.Buffer sseBuffer() {
    io.vertx.core.buffer.Buffer b = sseBuffer;
    if (b == null) {
      b = io.vertx.core.buffer.Buffer.buffer(sseEvent());
      sseBuffer = b;
    }
    return b;
  }

  /// The frame type, for metrics.
  public String type() { return type; }

  /// The SSE event of TRN-3: `event: frame`, one `data:` line of standard padded base64.
  public byte[] sseEvent() {
    byte[] e = sseEvent;
    if (e == null) {
      e = ("event: frame\ndata: " + Base64.getEncoder().encodeToString(bytes) + "\n\n").getBytes(StandardCharsets.US_ASCII);
      sseEvent = e;
    }
    return e;
  }
}
