package io.wya.mls.wire;

/// A `PrivateMessage` (RFC 9420 §6.3): only group_id, epoch and content type are visible.
///
/// @param epoch uint64 bits (compare with [Long#compareUnsigned])
public record PrivateMessage(byte[] groupId, long epoch, ContentType contentType, byte[] authenticatedData,
                             byte[] encryptedSenderData, byte[] ciphertext) implements MlsMessage {
  @Override public WireFormat wireFormat() { return WireFormat.PRIVATE_MESSAGE; }
}
