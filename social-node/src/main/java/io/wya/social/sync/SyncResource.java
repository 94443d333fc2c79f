package io.wya.social.sync;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.wya.polycentric.Base64Url;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.proto.RangesForSystem;
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
import java.util.HexFormat;
import java.util.List;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/// Synchronization reads: `GET /ranges`, `GET /events`, `GET /head`.
@Path("")
public class SyncResource {
  private static final Duration LONG = Duration.ofDays(1);

  @Inject SyncQueries queries;
  @Inject ResponseCache cache;
  @Inject Replies replies;
  @Inject SocialConfig config;

  @GET
  @Path("/ranges")
  public Uni<Response> ranges(@RestQuery String system, @RestHeader("If-None-Match") String ifNoneMatch,
                              @Context HttpServerRequest request) {
    SystemKey key = Params.system(system);
    return cache.get(CacheScopes.system(key), "ranges", LONG, () -> queries.ranges(key).map(RangesForSystem::toByteArray))
        .map(body -> replies.protobuf(request.uri(), body, CachePolicy.NO_CACHE, ifNoneMatch, keys(key)));
  }

  @GET
  @Path("/events")
  public Uni<Response> events(@RestQuery String system, @RestQuery String ranges, @RestHeader("If-None-Match") String ifNoneMatch,
                              @Context HttpServerRequest request) {
    SystemKey key = Params.system(system);
    RangesForSystem wanted = Params.message("ranges", ranges == null ? "" : ranges, RangesForSystem.parser());
    String field = "events|" + HexFormat.of().formatHex(wanted.toByteArray());
    return cache.get(CacheScopes.system(key), field, LONG,
            () -> queries.events(key, wanted, config.query().maxEventsPerResponse()).map(WireBodies::events))
        .map(body -> replies.protobuf(request.uri(), body, CachePolicy.EVENT_READS, ifNoneMatch, keys(key)));
  }

  @GET
  @Path("/head")
  public Uni<Response> head(@RestQuery String system, @RestHeader("If-None-Match") String ifNoneMatch,
                              @Context HttpServerRequest request) {
    SystemKey key = Params.system(system);
    return cache.get(CacheScopes.system(key), "head", LONG, () -> queries.head(key).map(WireBodies::events))
        .map(body -> replies.protobuf(request.uri(), body, CachePolicy.EVENT_READS, ifNoneMatch, keys(key)));
  }

  /// The surrogate key of everything about one system (`pkey-<base64 PublicKey>`, upstream's form).
  static List<String> keys(SystemKey system) { return List.of("pkey-" + Base64Url.encodeStandard(system.encoded().toByteArray())); }
}
