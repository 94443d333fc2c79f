package io.wya.gateway.transport;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/// The gateway's HTTP surface (GATEWAY_SPEC §3, §15): `/v1/ws`, `/v1/sse`, `/v1/sse/{stream_id}`,
/// `/health/live`, `/health/ready`, `/metrics`. Everything else is a JSON 404; every response is
/// `no-store` (HTTP-1).
final class HttpRoutes implements Handler<HttpServerRequest> {
  private static final String SSE_POST = "/v1/sse/";

  private final GatewayVerticle verticle;
  private final WebSocketTransport ws;
  private final SseTransport sse;

  HttpRoutes(GatewayVerticle verticle, WebSocketTransport ws, SseTransport sse) {
    this.verticle = verticle;
    this.ws = ws;
    this.sse = sse;
  }

  @Override
  public void handle(HttpServerRequest request) {
    String path = request.path();
    HttpMethod method = request.method();
    if (path.equals("/v1/ws") && method == HttpMethod.GET) {
      ws.handle(request);
    } else if (path.equals("/v1/sse") && method == HttpMethod.GET) {
      sse.open(request);
    } else if (path.startsWith(SSE_POST) && method == HttpMethod.POST && path.length() > SSE_POST.length()) {
      sse.post(request, path.substring(SSE_POST.length()));
    } else if (path.equals("/health/live") && method == HttpMethod.GET) {
      HttpReplies.json(request.response(), 200, new JsonObject().put("status", "UP"));
    } else if (path.equals("/health/ready") && method == HttpMethod.GET) {
      ready(request);
    } else if (path.equals("/metrics") && method == HttpMethod.GET) {
      request.response().putHeader("Cache-Control", HttpReplies.NO_STORE)
          .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
          .end(verticle.instance().services.metrics().scrape());
    } else {
      HttpReplies.error(request.response(), 404, "NOT_FOUND", method + " " + path + " is not a gateway route");
    }
  }

  private void ready(HttpServerRequest request) {
    Instance instance = verticle.instance();
    instance.health.ready().onComplete(ar -> {
      JsonObject body = ar.succeeded() ? ar.result() : new JsonObject().put("status", "DOWN");
      boolean draining = instance.gate.draining();
      if (draining) body.put("status", "DOWN").put("draining", true);
      HttpReplies.json(request.response(), "UP".equals(body.getString("status")) ? 200 : 503, body);
    });
  }
}
