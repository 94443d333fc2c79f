package io.wya.mls.wire;

import java.util.List;
import java.util.Optional;

/// A `Commit` (RFC 9420 §12.4).
public record Commit(List<ProposalOrRef> proposals, Optional<UpdatePath> path) implements Content {
  public Commit {
    proposals = List.copyOf(proposals);
  }

  /// `ProposalOrRef`: a proposal by value or a ProposalRef to one sent earlier in the epoch.
  public sealed interface ProposalOrRef {
    /// By value.
    record ByValue(Proposal proposal) implements ProposalOrRef {}

    /// By reference (a ProposalRef: RefHash("MLS 1.0 Proposal Reference", AuthenticatedContent)).
    record ByReference(byte[] ref) implements ProposalOrRef {}
  }

  /// `UpdatePath` (RFC 9420 §7.6): the committer's new leaf and the path nodes.
  public record UpdatePath(LeafNode leafNode, List<UpdatePathNode> nodes) {
    public UpdatePath {
      nodes = List.copyOf(nodes);
    }
  }

  /// `UpdatePathNode`.
  public record UpdatePathNode(byte[] encryptionKey, List<HpkeCiphertext> encryptedPathSecret) {
    public UpdatePathNode {
      encryptedPathSecret = List.copyOf(encryptedPathSecret);
    }
  }

  /// `HPKECiphertext`.
  public record HpkeCiphertext(byte[] kemOutput, byte[] ciphertext) {}
}
