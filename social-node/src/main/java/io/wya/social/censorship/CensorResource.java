package io.wya.social.censorship;

import com.google.protobuf.InvalidProtocolBufferException;
import io.smallrye.mutiny.Uni;
import io.wya.polycentric.Base64Url;
import io.wya.polycentric.EventKey;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.WireException;
import io.wya.polycentric.proto.URLInfo;
import io.wya.polycentric.proto.URLInfoEventLink;
import io.wya.polycentric.proto.URLInfoSystemLink;
import io.wya.social.cache.CacheScopes;
import io.wya.social.cache.ResponseCache;
import io.wya.social.config.SocialConfig;
import io.wya.social.http.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/// `POST /censor` (admin): the body is a Polycentric link whose last path segment is a base64url
/// `URLInfo` naming a system (type 1) or an event (type 2). Censored content leaves every read.
@Path("")
public class CensorResource {
  private static final Set<String> TYPES = Set.of("do_not_recommend", "refuse_storage");

  @Inject CensorStore store;
  @Inject ResponseCache cache;
  @Inject SocialConfig config;

  @POST
  @Path("/censor")
  public Uni<Response> censor(@RestHeader("authorization") String authorization, @RestQuery("censorship_type") String type, byte[] body) {
    String token = config.admin().token().orElseThrow(() -> new ApiException(401, "CENSOR_DISABLED", "no admin token is configured"));
    if (authorization == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), authorization.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(401, "UNAUTHORIZED", "the authorization header does not carry the admin token");
    }
    if (type == null || !TYPES.contains(type)) throw ApiException.badParameter("censorship_type", "must be one of " + TYPES);
    URLInfo info = urlInfo(new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8));
    try {
      if (info.getUrlType() == 1) {
        SystemKey system = SystemKey.fromProto(URLInfoSystemLink.parseFrom(info.getBody()).getSystem());
        return store.censor(system, type).call(() -> cache.invalidate(List.of(CacheScopes.system(system)))).map(v -> ok());
      }
      if (info.getUrlType() == 2) {
        URLInfoEventLink link = URLInfoEventLink.parseFrom(info.getBody());
        EventKey event = new EventKey(SystemKey.fromProto(link.getSystem()), ProcessId.fromProto(link.getProcess()), link.getLogicalClock());
        return store.censor(event, type).call(() -> cache.invalidate(List.of(CacheScopes.system(event.system())))).map(v -> ok());
      }
    } catch (InvalidProtocolBufferException | WireException e) {
      throw new ApiException(400, "INVALID_LINK", "the link's URLInfo body does not parse: " + e.getMessage());
    }
    throw new ApiException(400, "INVALID_LINK", "only system (1) and event (2) links can be censored");
  }

  private static URLInfo urlInfo(String link) {
    String path = link.strip();
    int cut = path.indexOf('?');
    if (cut >= 0) path = path.substring(0, cut);
    cut = path.indexOf('#');
    if (cut >= 0) path = path.substring(0, cut);
    while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    String segment = path.substring(path.lastIndexOf('/') + 1);
    try {
      return URLInfo.parseFrom(Base64Url.decode(segment));
    } catch (InvalidProtocolBufferException | WireException e) {
      throw new ApiException(400, "INVALID_LINK", "the link's last path segment is not a base64url URLInfo");
    }
  }

  private static Response ok() { return Response.ok("", "text/plain; charset=utf-8").build(); }
}
