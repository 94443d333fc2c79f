package io.wya.mls;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/// A snapshot of one group as this device sees it.
///
/// @param ownLeaf            this device's leaf (meaningless unless ACTIVE)
/// @param pendingCommitEpoch the epoch of our Commit awaiting its echo, if any
/// @param lastSeq            the highest gateway `seq` processed (entries up to it are consumed)
/// @param problem            why the group is REMOVED or BROKEN
public record GroupView(byte[] groupId, GroupStatus status, long epoch, int ownLeaf, List<Member> members,
                        OptionalLong pendingCommitEpoch, long lastSeq, byte[] epochAuthenticator, Optional<String> problem) {
  /// The members (devices) of one user.
  public List<Member> devicesOf(byte[] userId) {
    return members.stream().filter(m -> m.device().sameUser(userId)).toList();
  }
}
