package io.wya.client.social;

import io.wya.polycentric.SystemKey;
import java.util.Optional;

/// One post of the following feed with what is shown next to it.
///
/// @param authorName the author's username, when known
/// @param counts     likes, dislikes and replies from the node; empty when not asked or unavailable
/// @param likedByMe  whether this device's user currently likes it
public record FeedItem(Post post, Optional<String> authorName, Optional<SocialNode.ReferenceCounts> counts, boolean likedByMe) {
  public SystemKey author() { return post.author(); }
}
