package io.wya.social.cache;

/// A response body from [ResponseCache], and for how long a reply rendered from it may be
/// replayed ([ResponseCache#rendered]): while the scope's generation on this node is the one the
/// body was cached under, and until the in-process entry's TTL ends. `scope` is null for a body
/// that was not cached in process (nothing is replayed).
public record CachedBody(byte[] body, String scope, long generation, long expiresAtNanos) {
  /// A body computed without the in-process cache.
  public static CachedBody uncached(byte[] body) { return new CachedBody(body, null, 0, 0); }

  boolean replayable() { return scope != null; }
}
