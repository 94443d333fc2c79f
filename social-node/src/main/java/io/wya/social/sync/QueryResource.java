package io.wya.social.sync;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.proto.RepeatedUInt64;
import io.wya.social.cache.CacheScopes;
import io.wya.social.cache.ResponseCache;
import io.wya.social.config.SocialConfig;
import io.wya.social.http.CachePolicy;
import io.wya.social.http.Params;
import io.wya.social.http.Replies;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/// Profile and feed reads: `GET /query_latest`, `GET /query_index`.
@Path("")
public class QueryResource {
  private static final Duration LONG = Duration.ofDays(1);
  private static final int DEFAULT_LIMIT = 10;

  @Inject IndexQueries queries;
  @Inject ResponseCache cache;
  @Inject Replies replies;
  @Inject SocialConfig config;

  @GET
  @Path("/query_latest")
  public Uni<Response> latest(@RestQuery String system, @RestQuery("event_types") String eventTypes,
                              @RestHeader("If-None-Match") String ifNoneMatch,
                              @Context HttpServerRequest request) {
    SystemKey key = Params.system(system);
    List<Long> types = Params.message("event_types", eventTypes == null ? "" : eventTypes, RepeatedUInt64.parser()).getNumbersList().stream()
        .filter(t -> t >= 0).distinct().sorted().toList();
    String field = "latest|" + types;
    return cache.get(CacheScopes.system(key), field, LONG, () -> queries.latest(key, types).map(WireBodies::events))
        .map(body -> replies.protobuf(request.uri(), body, CachePolicy.EVENT_READS, ifNoneMatch, SyncResource.keys(key)));
  }

  @GET
  @Path("/query_index")
  public Uni<Response> index(@RestQuery String system, @RestQuery("content_type") String contentType, @RestQuery String after,
                             @RestQuery String limit, @RestHeader("If-None-Match") String ifNoneMatch,
                              @Context HttpServerRequest request) {
    SystemKey key = Params.system(system);
    long type = Params.unsigned("content_type", contentType);
    OptionalLong before = Params.optionalUnsigned("after", after);
    int max = Params.limit(limit, DEFAULT_LIMIT, config.query().maxLimit());
    String field = "index|" + type + "|" + (before.isPresent() ? before.getAsLong() : "") + "|" + max;
    return cache.get(CacheScopes.system(key), field, LONG,
            () -> queries.index(key, type, before, max).map(page -> WireBodies.fields(page.events(), page.proof())))
        .map(body -> replies.protobuf(request.uri(), body, CachePolicy.EVENT_READS, ifNoneMatch, SyncResource.keys(key)));
  }
}
