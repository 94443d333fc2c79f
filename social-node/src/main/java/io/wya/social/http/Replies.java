package io.wya.social.http;

import io.wya.polycentric.Base64Url;
import io.wya.social.cache.CachedBody;
import io.wya.social.cache.ResponseCache;
import io.wya.social.config.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/// CDN-friendly responses: a strong `ETag` over the body (bodies are deterministic, so equal
/// content gives equal tags on every node), `304` for a matching `If-None-Match`, the route's
/// `Cache-Control`, and optionally a surrogate-key header for CDN purges.
@ApplicationScoped
public class Replies {
  public static final String PROTOBUF = "application/octet-stream";
  private final boolean surrogateKeys;
  private final String surrogateHeader;
  private final ResponseCache cache;

  @Inject
  public Replies(SocialConfig config, ResponseCache cache) {
    this.surrogateKeys = config.cdn().surrogateKeys();
    this.surrogateHeader = config.cdn().surrogateKeyHeader();
    this.cache = cache;
  }

  /// As [#protobuf(byte[], CachePolicy, String, List)], and the reply is kept for [ReplayedReads]
  /// to answer the same `uri` while `cached` is fresh.
  public Response protobuf(String uri, CachedBody cached, CachePolicy policy, String ifNoneMatch, List<String> keys) {
    String etag = etag(cached.body());
    String surrogate = surrogateKeys(keys);
    cache.remember(uri, cached, etag, policy.header(), surrogate);
    return reply(cached.body(), etag, policy, ifNoneMatch, surrogate);
  }

  public Response protobuf(byte[] body, CachePolicy policy, String ifNoneMatch, List<String> keys) {
    return reply(body, etag(body), policy, ifNoneMatch, surrogateKeys(keys));
  }

  private Response reply(byte[] body, String etag, CachePolicy policy, String ifNoneMatch, String surrogate) {
    Response.ResponseBuilder reply = matches(ifNoneMatch, etag) ? Response.notModified() : Response.ok(body, PROTOBUF);
    reply.header("ETag", etag);
    if (policy.header() != null) reply.header("Cache-Control", policy.header());
    if (surrogate != null) reply.header(surrogateHeader, surrogate);
    return reply.build();
  }

  /// The surrogate-key header's value, or null when the header is off or there are no keys.
  private String surrogateKeys(List<String> keys) { return surrogateKeys && !keys.isEmpty() ? String.join(" ", keys) : null; }

  String surrogateHeader() { return surrogateHeader; }

  /// A body without caching headers (writes, and routes upstream does not cache).
  public Response uncached(byte[] body) { return Response.ok(body, PROTOBUF).build(); }

  static String etag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + Base64Url.encode(Arrays.copyOf(digest, 18)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) return false;
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.strip();
      if (c.startsWith("W/")) c = c.substring(2);
      if (c.equals("*") || c.equals(etag)) return true;
    }
    return false;
  }
}
