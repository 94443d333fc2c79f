package io.wya.gateway.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/// `GET /v1/ws` with the JDK WebSocket client: one binary message per frame (TRN-1).
final class WebSocketChannel implements GatewayClient.Channel {
  private final WebSocket ws;
  private final Duration timeout;
  private final Listener listener;

  private WebSocketChannel(WebSocket ws, Duration timeout, Listener listener) {
    this.ws = ws;
    this.timeout = timeout;
    this.listener = listener;
  }

  static WebSocketChannel open(HttpClient http, URI base, GatewayClient.Receiver receiver, Duration timeout,
                               java.util.Map<String, String> headers) throws IOException {
    URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "/v1/ws");
    try {
      Listener listener = new Listener(receiver);
      WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
      headers.forEach(builder::header);
      WebSocket ws = builder.buildAsync(uri, listener)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new WebSocketChannel(ws, timeout, listener);
    } catch (ExecutionException e) {
      throw new IOException("websocket upgrade failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new IOException("websocket upgrade failed: " + e, e);
    }
  }

  @Override
  public synchronized void send(byte[] frame) throws IOException {
    await(ws.sendBinary(ByteBuffer.wrap(frame), true));
  }

  /// A text message (not part of the protocol: TRN-1 tests).
  synchronized void sendText(String text) throws IOException {
    await(ws.sendText(text, true));
  }

  private void await(CompletableFuture<WebSocket> f) throws IOException {
    try {
      f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException("send failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new IOException("send failed: " + e, e);
    }
  }

  /// Stops asking for messages: the server's writes back up through TCP (a slow consumer).
  void pauseReading() { listener.paused = true; }

  void resumeReading() {
    synchronized (listener) {
      listener.paused = false;
      if (listener.owed) {
        listener.owed = false;
        ws.request(1);
      }
    }
  }

  @Override public void abort() { ws.abort(); }

  @Override
  public void close() {
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
  }

  private static final class Listener implements WebSocket.Listener {
    private final GatewayClient.Receiver receiver;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    volatile boolean paused;
    boolean owed;

    Listener(GatewayClient.Receiver receiver) {
      this.receiver = receiver;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      message.writeBytes(chunk);
      if (last) {
        byte[] frame = message.toByteArray();
        message.reset();
        receiver.frame(frame);
      }
      synchronized (this) {
        if (paused) owed = true;
        else ws.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      receiver.closed(statusCode, reason);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      receiver.closed(GatewayClient.CUT, String.valueOf(error));
    }
  }
}
