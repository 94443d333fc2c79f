package io.wya.social.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.wya.social.cache.RenderedReply;
import io.wya.social.cache.ResponseCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/// Answers a `GET` whose exact URI was answered from the in-process cache before, and is still
/// fresh there, with the reply the REST layer rendered then (ADR 0112): same body, `ETag`,
/// `Cache-Control`, surrogate keys and `304` for a matching `If-None-Match`. It runs right after
/// [Cors], before routing, so a hot read costs a map lookup instead of parameter parsing, the
/// resource method and its reactive pipeline. Everything else goes on to the REST layer.
@ApplicationScoped
public class ReplayedReads {
  private final ResponseCache cache;
  private final Replies replies;

  @Inject
  public ReplayedReads(ResponseCache cache, Replies replies) {
    this.cache = cache;
    this.replies = replies;
  }

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE + 1).handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    var request = ctx.request();
    RenderedReply reply = request.method() == HttpMethod.GET ? cache.rendered(request.uri()) : null;
    if (reply == null) {
      ctx.next();
      return;
    }
    var response = ctx.response();
    response.putHeader("ETag", reply.etag());
    if (reply.cacheControl() != null) response.putHeader("Cache-Control", reply.cacheControl());
    if (reply.surrogateKeys() != null) response.putHeader(replies.surrogateHeader(), reply.surrogateKeys());
    if (Replies.matches(request.getHeader("If-None-Match"), reply.etag())) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader("Content-Type", Replies.PROTOBUF).end(reply.body());
  }
}
