package io.wya.social.cache;

import java.util.concurrent.ConcurrentHashMap;

/// Replies already rendered from in-process cache entries, by the exact request URI, so a repeated
/// read is answered before the REST layer parses anything (ADR 0112). An entry is only as fresh as
/// the cache entry its body came from: the same scope generation, the same expiry. Bounded like
/// [LocalResponseCache]: past `maxEntries` the map is emptied.
final class RenderedReplies {
  private final ConcurrentHashMap<String, RenderedReply> replies = new ConcurrentHashMap<>();
  private final LocalResponseCache local;
  private final int maxEntries;

  RenderedReplies(LocalResponseCache local, int maxEntries) {
    this.local = local;
    this.maxEntries = maxEntries;
  }

  RenderedReply find(String uri, long now) {
    RenderedReply reply = replies.get(uri);
    if (reply == null) return null;
    if (now - reply.expiresAtNanos() >= 0 || reply.generation() != local.generation(reply.scope())) {
      replies.remove(uri, reply);
      return null;
    }
    return reply;
  }

  void remember(String uri, RenderedReply reply) {
    if (replies.size() >= maxEntries) replies.clear();
    replies.put(uri, reply);
  }
}
