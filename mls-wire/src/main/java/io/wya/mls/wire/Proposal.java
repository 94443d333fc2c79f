package io.wya.mls.wire;

import java.util.List;

/// A `Proposal` (RFC 9420 §12.1). Only RFC 9420's seven types are parseable; other types (custom
/// or GREASE) are rejected because their bodies have no known length structure.
public sealed interface Proposal extends Content {
  /// The u16 proposal type.
  int type();

  /// add (1).
  record Add(KeyPackage keyPackage) implements Proposal {
    @Override public int type() { return 1; }
  }

  /// update (2): the sender's new leaf.
  record Update(LeafNode leafNode) implements Proposal {
    @Override public int type() { return 2; }
  }

  /// remove (3): a leaf index (uint32).
  record Remove(long removedLeaf) implements Proposal {
    @Override public int type() { return 3; }
  }

  /// psk (4).
  record PreSharedKey(PreSharedKeyId pskId) implements Proposal {
    @Override public int type() { return 4; }
  }

  /// reinit (5).
  record ReInit(byte[] groupId, int version, int cipherSuite, List<Extension> extensions) implements Proposal {
    public ReInit {
      extensions = List.copyOf(extensions);
    }

    @Override public int type() { return 5; }
  }

  /// external_init (6).
  record ExternalInit(byte[] kemOutput) implements Proposal {
    @Override public int type() { return 6; }
  }

  /// group_context_extensions (7).
  record GroupContextExtensions(List<Extension> extensions) implements Proposal {
    public GroupContextExtensions {
      extensions = List.copyOf(extensions);
    }

    @Override public int type() { return 7; }
  }
}
