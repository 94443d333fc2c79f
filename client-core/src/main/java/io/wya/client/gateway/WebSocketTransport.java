package io.wya.client.gateway;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/// The WebSocket transport (GATEWAY_SPEC §3.1): one binary message per frame, fragments
/// reassembled; a text message from the server is a protocol violation and ends the connection.
final class WebSocketTransport implements Transport {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /// Largest server frame accepted (the gateway's own default `GATEWAY_MAX_FRAME_BYTES` is 1 MiB).
  static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;

  private final WebSocket socket;
  private final Adapter adapter;
  private final Object sendLock = new Object();
  private CompletableFuture<Void> lastSend = CompletableFuture.completedFuture(null);

  private WebSocketTransport(WebSocket socket, Adapter adapter) {
    this.socket = socket;
    this.adapter = adapter;
  }

  static Transport open(HttpClient http, URI uri, Listener listener) throws TransportException {
    Adapter adapter = new Adapter(listener);
    try {
      WebSocket socket = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(uri, adapter)
          .get(CONNECT_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS);
      return new WebSocketTransport(socket, adapter);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WebSocketHandshakeException h) {
        int status = h.getResponse().statusCode();
        throw new TransportException(status, HttpTransports.retryAfterMs(h.getResponse().headers()),
            "the WebSocket upgrade at " + uri + " was refused with " + status, h);
      }
      throw new TransportException(0, 0, "no WebSocket to " + uri + ": " + describe(cause), cause);
    } catch (TimeoutException e) {
      throw new TransportException(0, 0, "the WebSocket to " + uri + " did not open in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(0, 0, "interrupted while connecting", e);
    }
  }

  @Override public TransportKind kind() { return TransportKind.WEBSOCKET; }

  /// The JDK WebSocket allows one outstanding send: each send waits for the previous one.
  @Override public CompletableFuture<Void> send(byte[] frame) {
    synchronized (sendLock) {
      lastSend = lastSend.handle((v, e) -> null).thenCompose(v -> socket.sendBinary(ByteBuffer.wrap(frame), true)).thenApply(ws -> null);
      return lastSend;
    }
  }

  /// Closes after the frames already queued (a last Ack) went out.
  @Override public void close(int code, String reason) {
    CompletableFuture<Void> queued;
    synchronized (sendLock) {
      queued = lastSend;
    }
    queued.handle((v, e) -> null).orTimeout(2, TimeUnit.SECONDS).whenComplete((v, e) -> {
      if (socket.isOutputClosed()) {
        socket.abort();
        adapter.closed(code, reason);
        return;
      }
      // the close frame is written; the peer's answer is not worth waiting for
      socket.sendClose(code, reason).orTimeout(2, TimeUnit.SECONDS).whenComplete((ws, x) -> {
        socket.abort();
        adapter.closed(code, reason);
      });
    });
  }

  private static String describe(Throwable t) {
    String m = t == null ? null : t.getMessage();
    return m == null || m.isBlank() ? (t == null ? "unknown" : t.getClass().getSimpleName()) : m;
  }

  private static final class Adapter implements WebSocket.Listener {
    private final Listener listener;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final AtomicBoolean closed = new AtomicBoolean();

    Adapter(Listener listener) { this.listener = listener; }

    @Override public void onOpen(WebSocket ws) { ws.request(1); }

    @Override public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      if (partial.size() + data.remaining() > MAX_FRAME_BYTES) {
        ws.abort();
        closed(Transport.CUT, "a server frame exceeded " + MAX_FRAME_BYTES + " bytes");
        return null;
      }
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      partial.writeBytes(chunk);
      if (last) {
        byte[] frame = partial.toByteArray();
        partial.reset();
        listener.onFrame(frame);
      }
      ws.request(1);
      return null;
    }

    @Override public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      ws.sendClose(4000, "text message").whenComplete((w, e) -> ws.abort());
      closed(4000, "the gateway sent a text message (protocol violation)");
      return null;
    }

    @Override public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed(statusCode, reason);
      return null;
    }

    @Override public void onError(WebSocket ws, Throwable error) { closed(Transport.CUT, describe(error)); }

    private void closed(int code, String reason) {
      if (closed.compareAndSet(false, true)) listener.onClosed(code, reason);
    }
  }
}
