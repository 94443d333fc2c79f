package io.wya.mls.wire;

import java.util.Optional;

/// A `PublicMessage` (RFC 9420 §6.2): readable by the Delivery Service, signed by the sender.
///
/// @param confirmationTag present exactly when the content is a commit
/// @param membershipTag   present exactly when the sender is a member
/// @param authenticatedContent the `AuthenticatedContent` encoding (wire format, content, auth
///                        data): the input of a ProposalRef ([MlsCrypto#proposalRef])
public record PublicMessage(FramedContent content, byte[] signature, Optional<byte[]> confirmationTag,
                            Optional<byte[]> membershipTag, byte[] authenticatedContent) implements MlsMessage {
  @Override public WireFormat wireFormat() { return WireFormat.PUBLIC_MESSAGE; }

  public byte[] groupId() { return content.groupId(); }

  public long epoch() { return content.epoch(); }

  public ContentType contentType() { return content.contentType(); }

  public Sender sender() { return content.sender(); }
}
