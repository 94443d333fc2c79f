package io.wya.gateway.client;

import io.wya.gateway.protocol.FrameCodec;
import io.wya.gateway.protocol.FrameDecodeException;
import io.wya.gateway.protocol.ServerFrame;
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
import java.util.Base64;

/// The SSE fallback (TRN-3, TRN-4): frames arrive as `event: frame` events on `GET /v1/sse`; each
/// client frame is one `POST /v1/sse/{stream_id}`, sent only after the previous one was accepted.
final class SseChannel implements GatewayClient.Channel {
  private final HttpClient http;
  private final URI base;
  private final Duration timeout;
  private final InputStream stream;
  private final java.util.Map<String, String> headers;
  private volatile String streamId;
  private volatile boolean aborted;

  private SseChannel(HttpClient http, URI base, Duration timeout, InputStream stream, java.util.Map<String, String> headers) {
    this.headers = headers;
    this.http = http;
    this.base = base;
    this.timeout = timeout;
    this.stream = stream;
  }

  static SseChannel open(HttpClient http, URI base, GatewayClient.Receiver receiver, Duration timeout,
                         java.util.Map<String, String> headers) throws IOException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/v1/sse")).timeout(timeout).header("Accept", "text/event-stream");
    headers.forEach(builder::header);
    HttpRequest get = builder.GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() != 200) {
      String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
      throw new IOException("GET /v1/sse answered " + response.statusCode() + ": " + body);
    }
    SseChannel channel = new SseChannel(http, base, timeout, response.body(), headers);
    Thread reader = new Thread(() -> channel.read(receiver), "gateway-sse-reader");
    reader.setDaemon(true);
    reader.start();
    return channel;
  }

  private void read(GatewayClient.Receiver receiver) {
    int closeCode = GatewayClient.CUT;
    String reason = "the stream ended without Closing";
    try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.US_ASCII))) {
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        } else if (line.isEmpty() && !data.isEmpty()) {
          byte[] frame = Base64.getDecoder().decode(data.toString());
          data.setLength(0);
          try {
            ServerFrame f = FrameCodec.decodeServer(frame).frame();
            if (f instanceof ServerFrame.Challenge c) streamId = c.streamId();
            if (f instanceof ServerFrame.Closing c) {
              closeCode = c.code().code();
              reason = c.reason();
            }
          } catch (FrameDecodeException ignored) {
            // handed on as is; the client reports it
          }
          receiver.frame(frame);
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      if (!aborted) reason = "stream failed: " + e;
    }
    receiver.closed(closeCode, reason);
  }

  @Override
  public void send(byte[] frame) throws IOException {
    int status = post(frame, "application/x-protobuf");
    if (status != 202) throw new IOException("POST /v1/sse/" + streamId + " answered " + status);
  }

  /// One POST; returns the status (TRN-4 tests).
  synchronized int post(byte[] body, String contentType) throws IOException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/v1/sse/" + streamId)).timeout(timeout)
        .header("Content-Type", contentType);
    headers.forEach(builder::header);
    HttpRequest post = builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      return http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  String streamId() { return streamId; }

  @Override
  public void abort() {
    aborted = true;
    try {
      stream.close();
    } catch (IOException ignored) {
      // gone already
    }
  }

  @Override
  public void close() {
    abort();
  }
}
