package io.wya.social.ingest;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.wya.social.config.SocialConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/// `POST /events`: a batch of signed events to ingest.
@Path("")
public class IngestResource {
  @Inject EventIngestor ingestor;
  @Inject SocialConfig config;

  @POST
  @Path("/events")
  public Uni<Response> ingest(byte[] body, @Context HttpServerRequest request) {
    return ingestor.ingest(body == null ? new byte[0] : body, clientAddress(request))
        .map(result -> Response.ok("", "text/plain; charset=utf-8").build());
  }

  private String clientAddress(HttpServerRequest request) {
    if (config.rateLimit().trustForwardedFor()) {
      String forwarded = request.getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) return forwarded.split(",")[0].strip();
    }
    return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
  }
}
