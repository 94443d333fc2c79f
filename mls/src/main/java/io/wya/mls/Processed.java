package io.wya.mls;

import java.util.List;
import java.util.Optional;

/// What processing one delivered entry did. Every entry is consumed (its `seq` recorded) except
/// when [MlsClient#process] throws; [Rejected] reports an entry that could not be used.
public sealed interface Processed {
  /// An application message of another member.
  record Application(Member sender, byte[] plaintext, long epoch) implements Processed {}

  /// The echo of an application message this device sent.
  record OwnApplication(long epoch) implements Processed {}

  /// A proposal of another member, kept for the epoch's next Commit. A Remove whose target is its
  /// sender is a leave request: some remaining member should commit it
  /// ([MlsClient#commitPendingProposals]).
  record ProposalReceived(Member sender, int proposalType, Optional<Member> target) implements Processed {
    public static final int ADD = 1;
    public static final int UPDATE = 2;
    public static final int REMOVE = 3;

    /// A member asking to leave.
    public boolean leaveRequest() { return proposalType == REMOVE && target.map(t -> t.equals(sender)).orElse(false); }
  }

  /// A proposal to remove this device (from another member, or the echo of our own `leave`).
  record RemovalProposed(Member sender) implements Processed {}

  /// A Commit was applied: the group is at `epoch`.
  ///
  /// @param own                  it was this device's own Commit (echoed back)
  /// @param discardedOwnPending  another Commit won the epoch, so our pending Commit was
  ///                             dropped: retry the operation if it still makes sense
  record CommitApplied(long epoch, Member committer, boolean own, List<Member> added, List<Member> removed,
                       boolean discardedOwnPending) implements Processed {}

  /// A verified Commit removed this device; the group is now REMOVED. `by` is the committing
  /// device (an external joiner replacing this device's leaf, when it lost its state, is itself).
  record Removed(DeviceIdentity by, long epoch) implements Processed {}

  /// An entry already processed (gateway delivery is at least once, DLV-4).
  record Duplicate(long seq) implements Processed {}

  /// The entry could not be used. `groupInactive` when it was a Commit this device could not
  /// apply, which leaves the group BROKEN.
  record Rejected(MlsError error, String detail, boolean groupInactive) implements Processed {}
}
