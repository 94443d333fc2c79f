package io.wya.gateway.transport;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/// Plain HTTP answers of the gateway. Every one carries `Cache-Control: no-store` (HTTP-1);
/// refusals carry a JSON body `{"code", "message"}` (HTTP-2).
final class HttpReplies {
  static final String NO_STORE = "no-store";

  private HttpReplies() {}

  static void json(HttpServerResponse response, int status, JsonObject body) {
    response.setStatusCode(status).putHeader("Cache-Control", NO_STORE).putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  static void error(HttpServerResponse response, int status, String code, String message) {
    json(response, status, new JsonObject().put("code", code).put("message", message));
  }

  /// A refusal with `Retry-After` in whole seconds (at least 1).
  static void refuse(HttpServerResponse response, int status, String code, String message, long retryAfterMs) {
    response.putHeader("Retry-After", Long.toString(Math.max(1, (retryAfterMs + 999) / 1000)));
    error(response, status, code, message);
  }

  static void empty(HttpServerResponse response, int status) {
    response.setStatusCode(status).putHeader("Cache-Control", NO_STORE).end();
  }
}
