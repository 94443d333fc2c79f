package io.wya.social.references;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.wya.polycentric.Reference;
import io.wya.polycentric.proto.QueryReferencesRequest;
import io.wya.polycentric.proto.QueryReferencesRequestCountLWWElementReferences;
import io.wya.polycentric.proto.QueryReferencesRequestCountReferences;
import io.wya.polycentric.proto.QueryReferencesResponse;
import io.wya.polycentric.proto.QueryReferencesResponseEventItem;
import io.wya.polycentric.proto.SignedEvent;
import io.wya.social.cache.CacheScopes;
import io.wya.social.cache.CachedBody;
import io.wya.social.cache.ResponseCache;
import io.wya.social.http.ApiException;
import io.wya.social.http.CachePolicy;
import io.wya.social.http.Params;
import io.wya.social.http.Replies;
import io.wya.social.ingest.SubjectKey;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/// `GET /query_references`: replies, comments and opinions about an event or a bytes subject.
@Path("")
public class ReferencesResource {
  /// Item counts depend on opinions about the items themselves, which do not invalidate the
  /// subject's scope: such entries live briefly.
  private static final Duration TTL = Duration.ofSeconds(10);

  @Inject ReferenceQueries queries;
  @Inject ResponseCache cache;
  @Inject Replies replies;

  @GET
  @Path("/query_references")
  public Uni<Response> references(@RestQuery String query, @RestHeader("If-None-Match") String ifNoneMatch,
                                  @Context HttpServerRequest http) {
    QueryReferencesRequest request = Params.message("query", query, QueryReferencesRequest.parser());
    List<ByteString> subjects = subjects(request);
    long offset = offset(request);
    Uni<byte[]> compute = Uni.createFrom().deferred(() -> answer(request, subjects, offset));
    Uni<CachedBody> body = request.getExtraByteReferencesCount() == 0
        ? cache.get(CacheScopes.subject(subjects.getFirst()), "refs|" + HexFormat.of().formatHex(request.toByteArray()), TTL, () -> compute)
        : compute.map(CachedBody::uncached);
    String tag = "ref-" + io.wya.polycentric.Base64Url.encodeStandard(request.getReference().toByteArray());
    return body.map(b -> replies.protobuf(http.uri(), b, CachePolicy.EVENT_READS, ifNoneMatch, List.of(tag)));
  }

  private Uni<byte[]> answer(QueryReferencesRequest request, List<ByteString> subjects, long offset) {
    QueryReferencesResponse.Builder response = QueryReferencesResponse.newBuilder();
    Uni<Void> items = Uni.createFrom().voidItem();
    if (request.hasRequestEvents()) {
      var wanted = request.getRequestEvents();
      OptionalLong fromType = wanted.hasFromType() ? OptionalLong.of(wanted.getFromType()) : OptionalLong.empty();
      items = queries.items(subjects, fromType, offset).chain(page -> {
        List<ByteString> itemSubjects = page.stream().map(ReferenceQueries.Item::subject).toList();
        List<Uni<Map<ByteString, Long>>> counts = new ArrayList<>();
        for (var c : wanted.getCountLwwElementReferencesList()) counts.add(queries.countLww(itemSubjects, c.getValue(), fromType(c)));
        for (var c : wanted.getCountReferencesList()) counts.add(queries.countReferences(itemSubjects, fromType(c)));
        Uni<List<Map<ByteString, Long>>> all = counts.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.join().all(counts).andFailFast();
        return all.invoke(perCount -> {
          for (ReferenceQueries.Item item : page) {
            QueryReferencesResponseEventItem.Builder entry = QueryReferencesResponseEventItem.newBuilder().setEvent(signed(item.signedEvent()));
            for (Map<ByteString, Long> count : perCount) entry.addCounts(count.getOrDefault(item.subject(), 0L));
            response.addItems(entry);
          }
          if (page.size() == ReferenceQueries.PAGE) {
            response.setCursor(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(offset + ReferenceQueries.PAGE).array()));
          }
        }).replaceWithVoid();
      });
    }
    List<Uni<Map<ByteString, Long>>> totals = new ArrayList<>();
    for (var c : request.getCountLwwElementReferencesList()) totals.add(queries.countLww(subjects, c.getValue(), fromType(c)));
    for (var c : request.getCountReferencesList()) totals.add(queries.countReferences(subjects, fromType(c)));
    Uni<List<Map<ByteString, Long>>> all = totals.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.join().all(totals).andFailFast();
    return items.chain(() -> all).map(perCount -> {
      for (Map<ByteString, Long> count : perCount) response.addCounts(count.values().stream().mapToLong(Long::longValue).sum());
      return response.build().toByteArray();
    });
  }

  private static List<ByteString> subjects(QueryReferencesRequest request) {
    if (!request.hasReference()) throw ApiException.badParameter("query", "reference is missing");
    Reference reference;
    try {
      reference = Reference.fromProto(request.getReference());
    } catch (io.wya.polycentric.WireException e) {
      throw ApiException.badParameter("query", e.getMessage());
    }
    if (reference instanceof Reference.ToSystem) throw ApiException.badParameter("query", "system references cannot be queried");
    if (reference instanceof Reference.ToEvent && request.getExtraByteReferencesCount() > 0) {
      throw ApiException.badParameter("query", "extra_byte_references need a bytes reference");
    }
    List<ByteString> subjects = new ArrayList<>();
    subjects.add(SubjectKey.of(reference));
    for (ByteString extra : request.getExtraByteReferencesList()) subjects.add(SubjectKey.ofBytes(extra));
    return subjects.stream().distinct().toList();
  }

  private static long offset(QueryReferencesRequest request) {
    if (!request.hasCursor()) return 0;
    if (request.getCursor().size() != 8) throw ApiException.badParameter("query", "cursor must be 8 bytes");
    long offset = ByteBuffer.wrap(request.getCursor().toByteArray()).getLong();
    if (offset < 0) throw ApiException.badParameter("query", "cursor out of range");
    return offset;
  }

  private static OptionalLong fromType(QueryReferencesRequestCountLWWElementReferences c) {
    return c.hasFromType() ? OptionalLong.of(c.getFromType()) : OptionalLong.empty();
  }

  private static OptionalLong fromType(QueryReferencesRequestCountReferences c) {
    return c.hasFromType() ? OptionalLong.of(c.getFromType()) : OptionalLong.empty();
  }

  private static SignedEvent signed(ByteString stored) {
    try {
      return SignedEvent.parseFrom(stored);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored event does not parse", e);
    }
  }
}
