package io.wya.social.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/// CORS on every path, before routing (as upstream's warp filter): preflights are answered 200
/// with an empty body for any path, and every response allows any origin with a static `*`,
/// which stays correct in a CDN cache that ignores `Vary` (protocol doc §4.2).
@ApplicationScoped
public class Cors {
  static final String ALLOWED_HEADERS = "content-type, x-polycentric-user-agent";
  private static final Set<String> HEADERS = Set.of("content-type", "x-polycentric-user-agent");
  private static final Set<String> METHODS = Set.of("GET", "POST");

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    var request = ctx.request();
    var response = ctx.response();
    boolean preflight = request.method() == HttpMethod.OPTIONS && request.getHeader("Origin") != null
        && request.getHeader("Access-Control-Request-Method") != null;
    if (!preflight) {
      response.putHeader("Access-Control-Allow-Origin", "*");
      ctx.next();
      return;
    }
    String method = request.getHeader("Access-Control-Request-Method").strip().toUpperCase(Locale.ROOT);
    String asked = request.getHeader("Access-Control-Request-Headers");
    boolean headersAllowed = asked == null || Arrays.stream(asked.split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT))
        .allMatch(h -> h.isEmpty() || HEADERS.contains(h));
    if (!METHODS.contains(method) || !headersAllowed) {
      response.setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8").end("CORS request forbidden");
      return;
    }
    response.setStatusCode(200)
        .putHeader("Access-Control-Allow-Origin", "*")
        .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
        .putHeader("Access-Control-Allow-Methods", "POST, GET")
        .putHeader("Access-Control-Max-Age", "300")
        .end();
  }
}
