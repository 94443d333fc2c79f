package io.wya.client.chat;

import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.MsgId;

/// A message this device wrote that the gateway has not confirmed yet (it is in the outbox).
///
/// @param entry     the outbox record's name: stable for the life of the message
/// @param msgId     the idempotency key it is (re)sent under (SEQ-2)
/// @param payload   the `ChatPayload` plaintext
/// @param text      what the person wrote; empty for a conversation announcement
/// @param createdMs when the person hit enter
/// @param mlsMessage the PrivateMessage as first transmitted; empty until then
/// @param epoch     the epoch `mlsMessage` was encrypted in
public record Outgoing(String entry, ConvId conversation, MsgId msgId, byte[] payload, String text, long createdMs, byte[] mlsMessage,
                       long epoch) {
  /// Whether it was encrypted (and perhaps transmitted) already: then it must be resent byte for byte.
  public boolean encrypted() { return mlsMessage.length > 0; }

  Outgoing encryptedAs(byte[] ciphertext, long atEpoch) {
    return new Outgoing(entry, conversation, msgId, payload, text, createdMs, ciphertext, atEpoch);
  }

  /// A new attempt under a new `msg_id` (the gateway refused the old bytes, so it never stored them).
  Outgoing renewed(MsgId next) { return new Outgoing(entry, conversation, next, payload, text, createdMs, new byte[0], 0); }
}
