package io.wya.client.gateway;

import io.wya.gateway.protocol.FrameCodec;
import io.wya.gateway.protocol.FrameDecodeException;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.ServerMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/// The SSE fallback (GATEWAY_SPEC §3.2): server frames arrive as `event: frame` on one long
/// `GET /v1/sse`; each client frame is one `POST /v1/sse/{stream_id}`. POSTs are sent one after
/// another (each waits for the previous `202`) because the gateway orders a stream's frames by
/// arrival. A stream that ends without a `Closing` frame is a network cut.
final class SseTransport implements Transport {
  static final String PROTOBUF = "application/x-protobuf";
  static final Duration POST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI base;
  private final InputStream stream;
  private final Listener listener;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object sendLock = new Object();
  private CompletableFuture<Void> lastSend = CompletableFuture.completedFuture(null);
  private volatile String streamId;
  private volatile int closingCode;
  private volatile String closingReason = "";

  private SseTransport(HttpClient http, URI base, InputStream stream, Listener listener) {
    this.http = http;
    this.base = base;
    this.stream = stream;
    this.listener = listener;
  }

  static Transport open(HttpClient http, URI base, Listener listener) throws TransportException {
    URI uri = URI.create(base + "/v1/sse");
    HttpRequest request = HttpRequest.newBuilder(uri).header("accept", "text/event-stream").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new TransportException(0, 0, "no SSE stream from " + uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(0, 0, "interrupted while connecting", e);
    }
    if (response.statusCode() != 200) {
      try (InputStream body = response.body()) {
        body.readNBytes(4096);
      } catch (IOException ignored) {
        // the status says enough
      }
      throw new TransportException(response.statusCode(), HttpTransports.retryAfterMs(response.headers()),
          "the SSE stream at " + uri + " was refused with " + response.statusCode(), null);
    }
    SseTransport transport = new SseTransport(http, base, response.body(), listener);
    Thread.ofVirtual().name("wya-sse-reader").start(transport::read);
    return transport;
  }

  @Override public TransportKind kind() { return TransportKind.SSE; }

  @Override public CompletableFuture<Void> send(byte[] frame) {
    synchronized (sendLock) {
      lastSend = lastSend.handle((v, e) -> null).thenCompose(v -> post(frame));
      return lastSend;
    }
  }

  private CompletableFuture<Void> post(byte[] frame) {
    String id = streamId;
    if (id == null || closed.get()) return CompletableFuture.failedFuture(new IOException("the SSE stream is not open"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/sse/" + id)).timeout(POST_TIMEOUT)
        .header("content-type", PROTOBUF).POST(HttpRequest.BodyPublishers.ofByteArray(frame)).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
      if (response.statusCode() == 202) return null;
      if (response.statusCode() == 404) close(Transport.CUT, "the gateway no longer knows this SSE stream");
      throw new IllegalStateException("POST /v1/sse answered " + response.statusCode());
    });
  }

  /// Closes after the frames already queued (a last Ack) were posted.
  @Override public void close(int code, String reason) {
    CompletableFuture<Void> queued;
    synchronized (sendLock) {
      queued = lastSend;
    }
    queued.handle((v, e) -> null).orTimeout(2, java.util.concurrent.TimeUnit.SECONDS).whenComplete((v, e) -> closeNow(code, reason));
  }

  private void closeNow(int code, String reason) {
    if (closingCode == 0) {
      closingCode = code;
      closingReason = reason;
    }
    try {
      stream.close();
    } catch (IOException ignored) {
      // closing a cut stream
    }
    finish();
  }

  private void read() {
    SseEventParser parser = new SseEventParser();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        for (byte[] frame : parser.line(line)) {
          inspect(frame);
          listener.onFrame(frame);
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      if (closingCode == 0) closingReason = "SSE stream failed: " + e.getMessage();
    }
    finish();
  }

  /// The stream id comes with the Challenge; a `Closing` is the close code (SSE has no other).
  private void inspect(byte[] frame) {
    try {
      ServerMessage message = FrameCodec.decodeServer(frame);
      if (message.frame() instanceof ServerFrame.Challenge c && streamId == null) streamId = c.streamId();
      if (message.frame() instanceof ServerFrame.Closing c) {
        closingCode = c.code() == null ? Transport.CUT : c.code().code();
        closingReason = c.reason();
      }
    } catch (FrameDecodeException e) {
      // the session reports malformed frames
    }
  }

  private void finish() {
    if (closed.compareAndSet(false, true)) {
      listener.onClosed(closingCode == 0 ? Transport.CUT : closingCode, closingCode == 0 && closingReason.isEmpty()
          ? "the SSE stream ended without Closing" : closingReason);
    }
  }
}
