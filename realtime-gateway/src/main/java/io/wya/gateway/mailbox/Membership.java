package io.wya.gateway.mailbox;

import io.wya.gateway.protocol.ConvId;

/// A device's window in one conversation and its ack cursor, with the conversation's state when
/// it was read (DLV-3, ListConversations).
///
/// @param addedSeq   the seq of the Commit that added the device (0 for the creator)
/// @param removedSeq the seq of the Commit that removed it, or [#ACTIVE]
/// @param successor  the successor after a reset, or null
public record Membership(ConvId conv, long addedSeq, long removedSeq, long ackedSeq, long headSeq, long epoch,
                         String convHome, ConvId successor) {
  /// `removedSeq` of an active member.
  public static final long ACTIVE = Long.MAX_VALUE;

  public boolean active() { return removedSeq == ACTIVE; }

  /// The first seq the device has not acked inside its window.
  public long firstUnacked() { return Math.max(ackedSeq, addedSeq == 0 ? 0 : addedSeq - 1) + 1; }
}
