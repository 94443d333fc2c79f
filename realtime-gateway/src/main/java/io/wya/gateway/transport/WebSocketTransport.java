package io.wya.gateway.transport;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.wya.gateway.protocol.CloseCode;
import io.wya.gateway.session.FrameSink;
import io.wya.gateway.session.Outbound;
import io.wya.gateway.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// `GET /v1/ws` (GATEWAY_SPEC §3.1): one binary WebSocket message per frame (TRN-1); text
/// messages close with PROTOCOL_VIOLATION; a message over `GATEWAY_MAX_FRAME_BYTES` closes with
/// 1009 unprocessed (TRN-2; the decoder's hard cap in [GatewayVerticle] bounds what is read).
final class WebSocketTransport {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);

  private final LoopContext loop;

  WebSocketTransport(LoopContext loop) {
    this.loop = loop;
  }

  void handle(HttpServerRequest request) {
    if (!request.canUpgradeToWebSocket()) {
      HttpReplies.error(request.response(), 400, "INVALID_ARGUMENT", "GET /v1/ws must be a WebSocket upgrade");
      return;
    }
    String address = loop.gate().clientAddress(request);
    request.pause();
    loop.gate().admit(address).onComplete(ar -> {
      ConnectionGate.Refusal refusal = ar.succeeded() ? ar.result() : null;
      if (refusal != null) {
        HttpReplies.refuse(request.response(), refusal.status(), refusal.code(), refusal.message(), refusal.retryAfterMs());
        return;
      }
      request.toWebSocket().onComplete(upgrade -> {
        if (upgrade.failed()) {
          loop.gate().release(address);
          LOG.debug("websocket upgrade failed: {}", upgrade.cause().toString());
          return;
        }
        open(upgrade.result(), address);
      });
    });
  }

  private void open(ServerWebSocket ws, String address) {
    Sink sink = new Sink(ws, address, loop.settings().delivery().writeQueueBytes());
    Session session = loop.newSession(sink, "");
    sink.session = session;
    Connection connection = () -> session;
    loop.opened(connection, "ws");
    int maxFrameBytes = loop.settings().limits().maxFrameBytes();
    ws.binaryMessageHandler(buf -> {
      if (buf.length() > maxFrameBytes) {
        session.onTransportClosed();
        ws.close((short) CloseCode.MESSAGE_TOO_BIG.code(), "frame over " + maxFrameBytes + " bytes (TRN-2)");
      } else {
        session.onFrame(buf.getBytes());
      }
    });
    ws.textMessageHandler(text -> session.closeWith(CloseCode.PROTOCOL_VIOLATION, "text messages are not frames (TRN-1)", 0));
    ws.exceptionHandler(t -> LOG.debug("websocket error: {}", t.toString()));
    ws.closeHandler(v -> {
      session.onTransportClosed();
      loop.gate().release(address);
      loop.closed(connection, "ws");
    });
    session.start();
  }

  /// Writes frames as binary messages and counts the bytes not yet written (BP-1).
  private static final class Sink implements FrameSink {
    private final ServerWebSocket ws;
    private final String address;
    private final long highWater;
    private long queued;
    private boolean high;
    private boolean closed;
    Session session;

    Sink(ServerWebSocket ws, String address, long highWater) {
      this.ws = ws;
      this.address = address;
      this.highWater = highWater;
    }

    @Override
    public void write(Outbound frame) {
      if (closed) return;
      int n = frame.bytes().length;
      queued += n;
      if (queued > highWater) high = true;
      ws.writeBinaryMessage(frame.buffer()).onComplete(ar -> {
        queued -= n;
        if (high && queued <= highWater / 2) {
          high = false;
          session.onDrained();
        }
      });
    }

    @Override public long queuedBytes() { return queued; }

    @Override
    public void close(CloseCode code, String reason) {
      if (closed) return;
      closed = true;
      ws.close((short) code.code(), reason.length() > 120 ? reason.substring(0, 120) : reason);
    }

    @Override public String transport() { return "ws"; }

    @Override public String clientAddress() { return address; }
  }
}
