package io.wya.mls.wire;

/// `FramedContent` (RFC 9420 §6): the authenticated header and body of a PublicMessage.
///
/// @param epoch uint64 bits (compare with [Long#compareUnsigned])
public record FramedContent(byte[] groupId, long epoch, Sender sender, byte[] authenticatedData,
                            ContentType contentType, Content body) {}
