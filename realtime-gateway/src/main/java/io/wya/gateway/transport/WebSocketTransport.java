package io.wya.gateway.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
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
    Sink sink = new Sink(ws, address, loop.settings().delivery().writeQueueBytes(),
        GatewayVerticle.webSocketFrameCap(loop.settings()));
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
  ///
  /// Frames go straight to the connection's Netty pipeline (the WebSocket encoder), on its event
  /// loop, which is the session's: a write need not flush, so a fan-out pass that writes several
  /// Delivers to one connection sends them with one syscall (ADR 0209), and no per-write future
  /// is made. Everything a session writes takes this path, so frames keep their order; the
  /// close frame (Vert.x's) follows them in the same pipeline.
  private static final class Sink implements FrameSink {
    private final ServerWebSocket ws;
    private final ChannelHandlerContext ctx;
    private final String address;
    private final long highWater;
    private final int maxFragment;
    private boolean high;
    private boolean closed;
    Session session;

    Sink(ServerWebSocket ws, String address, long highWater, int maxFragment) {
      this.ws = ws;
      this.maxFragment = maxFragment;
      this.ctx = ((WebSocketInternal) ws).channelHandlerContext();
      this.address = address;
      this.highWater = highWater;
    }

    @Override
    public void write(Outbound frame) {
      write(frame, true);
    }

    @Override
    public void write(Outbound frame, boolean flush) {
      if (closed || ws.isClosed()) return;
      if (!ctx.executor().inEventLoop()) {
        // sessions live on their connection's loop; should one not, order is kept by going there
        ctx.executor().execute(() -> write(frame, flush));
        return;
      }
      byte[] bytes = frame.bytes();
      if (bytes.length <= maxFragment) {
        ctx.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)), ctx.voidPromise());
      } else {
        // as Vert.x does for messages over the configured frame size: fragments of that size
        for (int at = 0; at < bytes.length; at += maxFragment) {
          int n = Math.min(maxFragment, bytes.length - at);
          boolean last = at + n == bytes.length;
          io.netty.buffer.ByteBuf part = Unpooled.wrappedBuffer(bytes, at, n);
          ctx.write(at == 0 ? new BinaryWebSocketFrame(last, 0, part) : new ContinuationWebSocketFrame(last, 0, part), ctx.voidPromise());
        }
      }
      if (flush) ctx.flush();
      if (!high && queuedBytes() > highWater) {
        high = true;
        watchDrain();
      }
    }

    /// Completes after everything queued so far is written: then the queue is below the low-water
    /// mark (half the high-water mark) and the session resumes, or it is watched again.
    private void watchDrain() {
      ChannelPromise marker = ctx.newPromise();
      marker.addListener(done -> {
        if (closed || !done.isSuccess()) return;
        if (queuedBytes() <= highWater / 2) {
          high = false;
          session.onDrained();
        } else {
          watchDrain();
        }
      });
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER, marker);
    }

    @Override
    public void flush() {
      if (closed) return;
      if (ctx.executor().inEventLoop()) ctx.flush();
      else ctx.executor().execute(ctx::flush);
    }

    @Override
    public long queuedBytes() {
      ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
      return out == null ? 0 : out.totalPendingWriteBytes();
    }

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
