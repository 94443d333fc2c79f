package io.wya.social.health;

import io.smallrye.mutiny.Uni;
import io.wya.social.config.SocialConfig;
import io.wya.social.ingest.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/// Polycentric's `GET /version` (the web UI's "is this a server" check) and `GET /health`.
@Path("")
public class InfoResource {
  @Inject SocialConfig config;
  @Inject DependencyChecks checks;

  @GET
  @Path("/version")
  public Response version() {
    return Response.ok("{\"sha\":" + Json.quote(config.versionSha()) + "}", "application/json").build();
  }

  @GET
  @Path("/health")
  public Uni<Response> health() {
    return Uni.combine().all().unis(checks.database(), checks.redis()).asTuple().map(t -> {
      boolean db = t.getItem1(), redis = t.getItem2(), kafka = checks.kafka();
      boolean ok = db && redis && kafka;
      String body = "{\"db\":" + db + ",\"redis\":" + redis + ",\"kafka\":" + kafka + ",\"status\":\"" + (ok ? "ok" : "degraded") + "\"}";
      return Response.status(ok ? 200 : 503).type("application/json").entity(body).build();
    });
  }
}
