package io.wya.mls.wire;

import java.util.List;
import java.util.Optional;

/// A ratchet tree as it travels in the `ratchet_tree` extension (RFC 9420 §12.4.3.3):
/// `optional<Node> ratchet_tree<V>`, in array order (leaves at even indices, parents at odd
/// ones), with trailing blank nodes removed.
public record RatchetTree(List<Optional<Node>> nodes) {
  public RatchetTree {
    nodes = List.copyOf(nodes);
  }

  /// A non-blank node of the tree.
  public sealed interface Node {}

  /// A leaf (node_type 1).
  public record Leaf(LeafNode leafNode) implements Node {}

  /// A parent (node_type 2): `ParentNode` of RFC 9420 §7.1.
  ///
  /// @param unmergedLeaves leaf indices (uint32)
  public record Parent(byte[] encryptionKey, byte[] parentHash, List<Long> unmergedLeaves) implements Node {
    public Parent {
      unmergedLeaves = List.copyOf(unmergedLeaves);
    }
  }

  /// The leaf at leaf index `leaf`, if present and non-blank.
  public Optional<LeafNode> leaf(int leaf) {
    int at = 2 * leaf;
    if (leaf < 0 || at >= nodes.size()) return Optional.empty();
    return nodes.get(at).map(n -> ((Leaf) n).leafNode());
  }

  /// Number of leaf slots the encoding covers (blank ones included).
  public int leafCount() { return (nodes.size() + 1) / 2; }
}
