package io.wya.client.chat;

import io.wya.gateway.protocol.ConvId;
import io.wya.polycentric.SystemKey;
import java.util.Optional;

/// A room or DM as this device knows it.
///
/// @param peer    for a DM, the other user
/// @param lastSeq the highest gateway `seq` this device processed
public record Conversation(ConvId id, String name, boolean direct, Optional<SystemKey> peer, long createdMs, long lastSeq,
                           Status status) {
  /// Where this device stands in the conversation.
  public enum Status { ACTIVE, REMOVED, BROKEN, CLOSED }

  /// The id people type: the first hex characters of the conversation id.
  public String shortId() { return id.hex().substring(0, 8); }

  Conversation withLastSeq(long seq) { return new Conversation(id, name, direct, peer, createdMs, Math.max(lastSeq, seq), status); }

  Conversation withMeta(String newName, boolean isDirect, Optional<SystemKey> newPeer) {
    return new Conversation(id, newName, isDirect, newPeer, createdMs, lastSeq, status);
  }

  Conversation withStatus(Status next) { return new Conversation(id, name, direct, peer, createdMs, lastSeq, next); }
}
