package io.wya.social.identity;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.smallrye.mutiny.Uni;
import io.wya.polycentric.Ed25519Signatures;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.WireException;
import io.wya.polycentric.proto.ClaimHandleRequest;
import io.wya.polycentric.proto.HarborValidateRequest;
import io.wya.polycentric.proto.PublicKey;
import io.wya.social.cache.CacheScopes;
import io.wya.social.cache.ResponseCache;
import io.wya.social.http.ApiException;
import io.wya.social.http.CachePolicy;
import io.wya.social.http.Replies;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestQuery;

/// Handles and account purge: `/claim_handle`, `/resolve_handle`, `/challenge`, `/purge`.
@Path("")
public class IdentityResource {
  private static final Pattern HANDLE = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  @Inject IdentityStore store;
  @Inject Challenges challenges;
  @Inject ResponseCache cache;
  @Inject Replies replies;

  @POST
  @Path("/claim_handle")
  public Uni<Response> claimHandle(byte[] body) {
    ClaimHandleRequest request;
    try {
      request = ClaimHandleRequest.parseFrom(body == null ? new byte[0] : body);
    } catch (InvalidProtocolBufferException e) {
      throw new ApiException(400, "MALFORMED_BODY", "the body is not a ClaimHandleRequest");
    }
    if (!HANDLE.matcher(request.getHandle()).matches()) {
      throw new ApiException(400, "INVALID_HANDLE", "a handle is 1 to 64 characters of a-z, A-Z, 0-9, '-' and '_'");
    }
    SystemKey system = system(request.getSystem());
    return store.claimHandle(request.getHandle(), system).map(claimed -> {
      if (!claimed) throw new ApiException(409, "HANDLE_TAKEN", "the handle '" + request.getHandle() + "' belongs to another system");
      return Response.ok("", "text/plain; charset=utf-8").build();
    });
  }

  @GET
  @Path("/resolve_handle")
  public Uni<Response> resolveHandle(@RestQuery String handle) {
    if (handle == null) throw ApiException.badParameter("handle", "missing");
    return store.resolveHandle(handle).map(found -> found
        .map(key -> replies.uncached(PublicKey.newBuilder().setKeyType(1).setKey(key).build().toByteArray()))
        .orElseThrow(() -> new ApiException(404, "UNKNOWN_HANDLE", "no system holds the handle '" + handle + "'")));
  }

  @GET
  @Path("/challenge")
  public Response challenge() {
    return replies.protobuf(challenges.issue().toByteArray(), CachePolicy.NO_CACHE, null, List.of());
  }

  @POST
  @Path("/purge")
  public Uni<Response> purge(byte[] body) {
    HarborValidateRequest request;
    try {
      request = HarborValidateRequest.parseFrom(body == null ? new byte[0] : body);
    } catch (InvalidProtocolBufferException e) {
      throw new ApiException(400, "MALFORMED_BODY", "the body is not a HarborValidateRequest");
    }
    SystemKey system = system(request.getSystem());
    ByteString challenge = challenges.challengeBytes(request.getChallenge());
    if (!Ed25519Signatures.verify(system.key().toByteArray(), challenge.toByteArray(), request.getSignature().toByteArray())) {
      throw new ApiException(400, "INVALID_SIGNATURE", "the signature over the challenge does not verify with the system key");
    }
    challenges.check(request.getChallenge());
    return store.purge(system).call(n -> cache.invalidate(List.of(CacheScopes.system(system))))
        .map(n -> Response.ok("", "text/plain; charset=utf-8").build());
  }

  private static SystemKey system(PublicKey key) {
    try {
      return SystemKey.fromProto(key);
    } catch (WireException e) {
      throw new ApiException(400, e.code(), e.getMessage());
    }
  }
}
