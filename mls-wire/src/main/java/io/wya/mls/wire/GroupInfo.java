package io.wya.mls.wire;

import java.util.List;

/// A `GroupInfo` (RFC 9420 §12.4.3): what a joiner (Welcome or external commit) learns of the group.
public record GroupInfo(GroupContext groupContext, List<Extension> extensions, byte[] confirmationTag,
                        long signer, byte[] signature) implements MlsMessage {
  public GroupInfo {
    extensions = List.copyOf(extensions);
  }

  @Override public WireFormat wireFormat() { return WireFormat.GROUP_INFO; }

  /// `GroupContext` (RFC 9420 §8.1).
  ///
  /// @param epoch uint64 bits (compare with [Long#compareUnsigned])
  public record GroupContext(int version, int cipherSuite, byte[] groupId, long epoch, byte[] treeHash,
                             byte[] confirmedTranscriptHash, List<Extension> extensions) {
    public GroupContext {
      extensions = List.copyOf(extensions);
    }
  }
}
