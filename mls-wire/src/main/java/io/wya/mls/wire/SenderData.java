package io.wya.mls.wire;

/// `SenderData` (RFC 9420 §6.3.2): the decrypted sender of a PrivateMessage.
///
/// @param leafIndex  uint32
/// @param generation uint32, the position in the sender's hash ratchet
/// @param reuseGuard 4 bytes XORed into the first bytes of the nonce
public record SenderData(long leafIndex, long generation, byte[] reuseGuard) {}
