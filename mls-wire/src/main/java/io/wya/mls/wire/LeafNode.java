package io.wya.mls.wire;

import java.util.List;

/// A `LeafNode` (RFC 9420 §7.2).
///
/// @param tbsPrefix the encoded fields the signature covers, in order (everything but the
///                  signature). For `key_package` leaves this is the whole LeafNodeTBS; `update`
///                  and `commit` leaves add `group_id` and `leaf_index` (see [MlsCrypto])
public record LeafNode(byte[] encryptionKey, byte[] signatureKey, Credential credential, Capabilities capabilities,
                       LeafNodeSource source, List<Extension> extensions, byte[] signature, byte[] tbsPrefix) {
  public LeafNode {
    extensions = List.copyOf(extensions);
  }
}
