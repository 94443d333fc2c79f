package io.wya.mls.spi;

import java.util.OptionalInt;

/// What an engine made of one delivered handshake or application message.
public sealed interface Incoming {
  /// An application message of another member, decrypted and authenticated. The sender's
  /// identity is the one its leaf had in the message's epoch (a late message of the previous
  /// epoch may come from a leaf that has since been removed or reused).
  record Application(int senderLeaf, byte[] senderIdentity, byte[] plaintext, byte[] authenticatedData, long epoch)
      implements Incoming {}

  /// The echo of an application message this device sent (not decrypted: its key is deleted
  /// right after encryption).
  record OwnApplication(long epoch) implements Incoming {}

  /// A proposal of another member, verified and kept for the epoch's Commit.
  ///
  /// @param type        RFC 9420 proposal type
  /// @param targetLeaf  for a Remove, the leaf it removes
  record ProposalStored(int senderLeaf, int type, OptionalInt targetLeaf) implements Incoming {}

  /// A proposal to remove this device (its own leave request, or someone else's). Kept aside:
  /// a member cannot commit its own removal, and the Commit that includes it is how it learns
  /// it was removed.
  record RemovalOfSelfProposed(int senderLeaf) implements Incoming {}

  /// A Commit of another member (or an external joiner), applied: `next` is the new epoch.
  ///
  /// @param senderLeaf the committer's leaf in the new tree
  record CommitApplied(EngineGroup next, int senderLeaf) implements Incoming {}

  /// A Commit from this device's own leaf: the facade applies its staged Commit if it is this
  /// one, byte for byte.
  record OwnCommit(long epoch) implements Incoming {}

  /// A verified Commit that removes this device (RFC 9420 §12.4.2: the removed member cannot
  /// derive the new epoch, so nothing is applied). `senderIdentity` is the committer's (for an
  /// external Commit, the joiner's, who has no leaf yet).
  record Removed(byte[] senderIdentity, long epoch) implements Incoming {}
}
