package io.wya.social.discovery;

import com.google.protobuf.ByteString;
import io.smallrye.mutiny.Uni;
import io.wya.polycentric.proto.AggregationBucket;
import io.wya.polycentric.proto.Events;
import io.wya.polycentric.proto.PublicKey;
import io.wya.polycentric.proto.PublicKeys;
import io.wya.polycentric.proto.ResultEventsAndRelatedEventsAndCursor;
import io.wya.polycentric.proto.ResultTopStringReferences;
import io.wya.social.config.SocialConfig;
import io.wya.social.database.EventRows;
import io.wya.social.http.ApiException;
import io.wya.social.http.CachePolicy;
import io.wya.social.http.Params;
import io.wya.social.http.Replies;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/// Discovery across systems: `/explore`, `/top_string_references`, `/recommended_profiles`.
@Path("")
public class DiscoveryResource {
  private static final int DEFAULT_LIMIT = 10;
  private static final Map<String, Duration> TIME_RANGES = Map.of("12h", Duration.ofHours(12), "1d", Duration.ofDays(1),
      "7d", Duration.ofDays(7), "30d", Duration.ofDays(30));

  @Inject DiscoveryQueries queries;
  @Inject Replies replies;
  @Inject SocialConfig config;
  @Inject Clock clock;

  @GET
  @Path("/explore")
  public Uni<Response> explore(@RestQuery String cursor, @RestQuery String limit, @RestHeader("If-None-Match") String ifNoneMatch) {
    Long cursorTime = null, cursorId = null;
    if (cursor != null && !cursor.isEmpty()) {
      ByteBuffer c = ByteBuffer.wrap(Params.bytes("cursor", cursor)).order(ByteOrder.LITTLE_ENDIAN);
      if (c.remaining() == 16) {
        cursorTime = c.getLong();
        cursorId = c.getLong();
      } else if (c.remaining() == 8) {
        cursorId = c.getLong();
      } else {
        throw ApiException.badParameter("cursor", "must be 8 or 16 bytes");
      }
    }
    int max = Params.limit(limit, DEFAULT_LIMIT, config.query().maxLimit());
    return queries.explore(cursorTime, cursorId, max).map(page -> {
      var result = ResultEventsAndRelatedEventsAndCursor.newBuilder().setResultEvents(EventRows.asEvents(page.events()))
          .setRelatedEvents(Events.getDefaultInstance());
      if (!page.events().isEmpty()) {
        ByteBuffer next = ByteBuffer.allocate(page.lastUnixMs() == null ? 8 : 16).order(ByteOrder.LITTLE_ENDIAN);
        if (page.lastUnixMs() != null) next.putLong(page.lastUnixMs());
        next.putLong(page.lastId());
        result.setCursor(ByteString.copyFrom(next.array()));
      }
      return replies.protobuf(result.build().toByteArray(), CachePolicy.DISCOVERY, ifNoneMatch, List.of());
    });
  }

  @GET
  @Path("/top_string_references")
  public Uni<Response> topStringReferences(@RestQuery String query, @RestQuery String limit, @RestQuery("time_range") String timeRange,
                                           @RestHeader("If-None-Match") String ifNoneMatch) {
    Duration range = timeRange == null || timeRange.isEmpty() ? TIME_RANGES.get("30d") : TIME_RANGES.get(timeRange);
    if (range == null) throw ApiException.badParameter("time_range", "must be 12h, 1d, 7d or 30d");
    int max = Params.limit(limit, DEFAULT_LIMIT, DEFAULT_LIMIT);
    long now = clock.millis();
    ByteString contains = query == null || query.isEmpty() ? null : ByteString.copyFromUtf8(query);
    return queries.topStringReferences(now - range.toMillis(), now, contains, max).map(buckets -> {
      var result = ResultTopStringReferences.newBuilder();
      buckets.forEach(b -> result.addBuckets(AggregationBucket.newBuilder().setKey(b.key()).setValue(b.count())));
      return replies.protobuf(result.build().toByteArray(), CachePolicy.TRENDING, ifNoneMatch, List.of());
    });
  }

  @GET
  @Path("/recommended_profiles")
  public Uni<Response> recommendedProfiles(@RestHeader("If-None-Match") String ifNoneMatch) {
    return queries.recommendedSystems().map(systems -> {
      var result = PublicKeys.newBuilder();
      systems.forEach(s -> result.addSystems(PublicKey.newBuilder().setKeyType(1).setKey(s)));
      return replies.protobuf(result.build().toByteArray(), CachePolicy.DISCOVERY, ifNoneMatch, List.of());
    });
  }
}
