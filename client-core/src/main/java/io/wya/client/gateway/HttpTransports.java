package io.wya.client.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;

/// [Transport.Factory] over the JDK HTTP client: WebSocket at `/v1/ws`, SSE at `/v1/sse`, for a
/// gateway base URL such as `https://chat.example.org` (a path prefix is kept, for CDNs and reverse
/// proxies that mount the gateway under one).
public final class HttpTransports implements Transport.Factory {
  private final URI base;
  private final HttpClient http;

  public HttpTransports(URI base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  @Override public Transport open(TransportKind kind, Transport.Listener listener) throws TransportException {
    return switch (kind) {
      case WEBSOCKET -> WebSocketTransport.open(http, webSocketUri(), listener);
      case SSE -> SseTransport.open(http, base, listener);
    };
  }

  URI webSocketUri() {
    String scheme = base.getScheme().equals("https") ? "wss" : "ws";
    return URI.create(scheme + base.toString().substring(base.getScheme().length()) + "/v1/ws");
  }

  /// `Retry-After` in milliseconds (seconds on the wire), 0 when absent or not a number.
  static long retryAfterMs(HttpHeaders headers) {
    return headers.firstValue("retry-after").map(v -> {
      try {
        return Math.max(0, Long.parseLong(v.trim())) * 1000;
      } catch (NumberFormatException e) {
        return 0L;
      }
    }).orElse(0L);
  }
}
