package io.wya.social.cache;

import io.vertx.core.buffer.Buffer;

/// A `200` reply as the REST layer rendered it: body, `ETag`, `Cache-Control` and surrogate-key
/// header (null when absent), with the freshness of the cache entry it was rendered from. The body
/// is one read-only buffer written to every connection that replays it.
public record RenderedReply(Buffer body, String etag, String cacheControl, String surrogateKeys, String scope, long generation,
                            long expiresAtNanos) {}
