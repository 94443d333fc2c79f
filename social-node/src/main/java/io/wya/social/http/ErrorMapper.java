package io.wya.social.http;

import io.wya.polycentric.WireException;
import io.wya.social.ingest.IngestException;
import io.wya.social.ingest.Json;
import io.wya.social.ingest.RateLimiter;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/// Errors on the wire: `{"code": "...", "message": "..."}` with the status, never a stack trace.
/// Unknown routes and methods answer 404 with the body `404`, as upstream does.
public class ErrorMapper {
  @ServerExceptionMapper
  public Response api(ApiException e) { return error(e.status(), e.code(), e.getMessage()); }

  @ServerExceptionMapper
  public Response ingest(IngestException e) {
    Response error = error(e.status(), e.code(), e.getMessage());
    return e.status() == 503 ? Response.fromResponse(error).header("Retry-After", 1).build() : error;
  }

  @ServerExceptionMapper
  public Response wire(WireException e) { return error(400, e.code(), e.getMessage()); }

  @ServerExceptionMapper
  public Response rateLimited(RateLimiter.RateLimitedException e) {
    return Response.fromResponse(error(429, "RATE_LIMITED", e.getMessage())).header("Retry-After", e.retryAfterSeconds()).build();
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e) { return notFound(); }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e) { return notFound(); }

  static Response notFound() { return Response.status(404).type("text/plain; charset=utf-8").entity("404").build(); }

  static Response error(int status, String code, String message) {
    String body = "{\"code\":" + Json.quote(code) + ",\"message\":" + Json.quote(message) + "}";
    return Response.status(status).type("application/json").header("Cache-Control", "no-store").entity(body).build();
  }
}
