package io.wya.mls.wire;

import java.util.Optional;

/// The decrypted plaintext of a PrivateMessage (RFC 9420 §6.3.1, `PrivateMessageContent`):
/// the content selected by the outer content type, the authentication data, and zero padding
/// (checked, then dropped).
///
/// @param contentBytes    the encoding of the content field exactly as received (for
///                        application data: `opaque application_data<V>`), as it re-appears in the
///                        `FramedContent` that the signature covers
/// @param confirmationTag present exactly when the content is a commit
public record PrivateMessageContent(Content content, byte[] contentBytes, byte[] signature,
                                    Optional<byte[]> confirmationTag) {}
