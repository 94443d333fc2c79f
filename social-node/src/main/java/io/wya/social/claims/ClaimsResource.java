package io.wya.social.claims;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.smallrye.mutiny.Uni;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.WireException;
import io.wya.polycentric.proto.ClaimFieldEntry;
import io.wya.polycentric.proto.FindClaimAndVouchRequest;
import io.wya.polycentric.proto.FindClaimAndVouchResponse;
import io.wya.polycentric.proto.PublicKey;
import io.wya.polycentric.proto.QueryClaimToSystemRequest;
import io.wya.polycentric.proto.QueryClaimToSystemResponse;
import io.wya.polycentric.proto.QueryClaimToSystemResponseMatch;
import io.wya.polycentric.proto.SignedEvent;
import io.wya.social.http.ApiException;
import io.wya.social.http.CachePolicy;
import io.wya.social.http.Params;
import io.wya.social.http.Replies;
import io.wya.social.ingest.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.TreeMap;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/// Identity claims vouched for by a trust root: `/resolve_claim`, `/find_claim_and_vouch`.
@Path("")
public class ClaimsResource {
  @Inject ClaimQueries queries;
  @Inject Replies replies;

  @GET
  @Path("/resolve_claim")
  public Uni<Response> resolve(@RestQuery String query, @RestHeader("If-None-Match") String ifNoneMatch) {
    QueryClaimToSystemRequest request = Params.message("query", query, QueryClaimToSystemRequest.parser());
    SystemKey trustRoot = key("trust_root", request.getTrustRoot());
    Uni<List<ClaimQueries.Match>> matches = switch (request.getQueryCase()) {
      case MATCH_ANY_FIELD -> queries.matchAnyField(trustRoot, request.getClaimType(), request.getMatchAnyField());
      case MATCH_ALL_FIELDS -> queries.matchAllFields(trustRoot, request.getClaimType(), json(request.getMatchAllFields().getFieldsList()));
      case QUERY_NOT_SET -> throw ApiException.badParameter("query", "match_any_field or match_all_fields must be set");
    };
    return matches.map(found -> {
      var response = QueryClaimToSystemResponse.newBuilder();
      for (ClaimQueries.Match m : found) {
        response.addMatches(QueryClaimToSystemResponseMatch.newBuilder().setClaim(signed(m.claim())).addProofChain(signed(m.vouch())));
      }
      return replies.protobuf(response.build().toByteArray(), CachePolicy.EVENT_READS, ifNoneMatch, List.of());
    });
  }

  @GET
  @Path("/find_claim_and_vouch")
  public Uni<Response> findClaimAndVouch(@RestQuery String query, @RestHeader("If-None-Match") String ifNoneMatch) {
    FindClaimAndVouchRequest request = Params.message("query", query, FindClaimAndVouchRequest.parser());
    SystemKey vouching = key("vouching_system", request.getVouchingSystem());
    SystemKey claiming = key("claiming_system", request.getClaimingSystem());
    return queries.claimAndVouch(vouching, claiming, request.getClaimType(), json(request.getFieldsList())).map(found -> found
        .map(m -> replies.protobuf(FindClaimAndVouchResponse.newBuilder().setVouch(signed(m.vouch())).setClaim(signed(m.claim())).build()
            .toByteArray(), CachePolicy.NO_CACHE, ifNoneMatch, List.of()))
        .orElseGet(() -> Response.status(404).type("text/plain; charset=utf-8").entity("pair not found").build()));
  }

  private static SystemKey key(String field, PublicKey key) {
    try {
      return SystemKey.fromProto(key);
    } catch (WireException e) {
      throw ApiException.badParameter("query", field + ": " + e.getMessage());
    }
  }

  private static String json(List<ClaimFieldEntry> fields) {
    TreeMap<String, String> sorted = new TreeMap<>();
    fields.forEach(f -> sorted.put(Long.toUnsignedString(f.getKey()), f.getValue()));
    StringBuilder json = new StringBuilder("{");
    sorted.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append(Json.quote(k)).append(':').append(Json.quote(v)));
    return json.append('}').toString();
  }

  static SignedEvent signed(ByteString stored) {
    try {
      return SignedEvent.parseFrom(stored);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored event does not parse", e);
    }
  }
}
