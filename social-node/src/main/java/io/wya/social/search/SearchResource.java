package io.wya.social.search;

import com.google.protobuf.ByteString;
import io.smallrye.mutiny.Uni;
import io.wya.polycentric.Base64Url;
import io.wya.polycentric.WireException;
import io.wya.polycentric.proto.Events;
import io.wya.polycentric.proto.ResultEventsAndRelatedEventsAndCursor;
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
import java.util.List;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/// `GET /search`: posts or profiles matching a text, best match first, paged by an offset cursor.
@Path("")
public class SearchResource {
  private static final int DEFAULT_LIMIT = 10;

  @Inject SearchQueries queries;
  @Inject Replies replies;
  @Inject SocialConfig config;

  @GET
  @Path("/search")
  public Uni<Response> search(@RestQuery String search, @RestQuery String cursor, @RestQuery String limit,
                              @RestQuery("search_type") String searchType, @RestHeader("If-None-Match") String ifNoneMatch) {
    if (search == null) throw ApiException.badParameter("search", "missing");
    long offset = 0;
    if (cursor != null && !cursor.isEmpty()) {
      byte[] c;
      try {
        c = Base64Url.decodeAnyAlphabet(cursor);
      } catch (WireException e) {
        throw ApiException.badParameter("cursor", "not base64");
      }
      if (c.length != 8) throw ApiException.badParameter("cursor", "must be 8 bytes");
      offset = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (offset < 0) throw ApiException.badParameter("cursor", "out of range");
    }
    int max = Params.limit(limit, DEFAULT_LIMIT, config.query().maxLimit());
    String type = searchType == null || searchType.isEmpty() ? "messages" : searchType;
    Uni<List<ByteString>> found = switch (type) {
      case "messages" -> queries.searchMessages(search, offset, max);
      case "profiles" -> queries.searchProfiles(search, offset, max);
      default -> throw ApiException.badParameter("search_type", "must be messages or profiles");
    };
    long start = offset;
    return found.map(events -> {
      byte[] next = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(start + events.size()).array();
      var result = ResultEventsAndRelatedEventsAndCursor.newBuilder().setResultEvents(EventRows.asEvents(events))
          .setRelatedEvents(Events.getDefaultInstance()).setCursor(ByteString.copyFrom(next)).build();
      return replies.protobuf(result.toByteArray(), CachePolicy.NONE, ifNoneMatch, List.of());
    });
  }
}
