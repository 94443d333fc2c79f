package io.wya.social.cache;

import com.google.protobuf.ByteString;
import io.wya.polycentric.Base64Url;
import io.wya.polycentric.SystemKey;

/// Names of cache scopes: everything served about one system, or about one reference subject.
public final class CacheScopes {
  private CacheScopes() {}

  public static String system(SystemKey system) { return "s:" + Base64Url.encode(system.key().toByteArray()); }

  public static String subject(ByteString subjectKey) { return "r:" + Base64Url.encode(subjectKey.toByteArray()); }
}
