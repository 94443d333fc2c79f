package io.wya.mls;

import io.wya.mls.spi.EngineGroup;
import io.wya.mls.spi.Incoming;
import io.wya.mls.spi.LeafInfo;
import io.wya.mls.wire.ContentType;
import io.wya.mls.wire.MlsMessage;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.MlsWireException;
import io.wya.mls.wire.PrivateMessage;
import io.wya.mls.wire.PublicMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/// Processing of one delivered entry for [MlsClient#process]: the echo-before-apply rule, seq
/// bookkeeping, and what a failure does to the group. The entry and the new state are saved in
/// one write; a failure reloads the group from disk before recording the entry as consumed.
final class Inbound {
  private final MlsClient client;

  Inbound(MlsClient client) {
    this.client = client;
  }

  Processed process(GroupSlot slot, long seq, byte[] message) throws MlsException {
    if (seq <= slot.lastSeq) return new Processed.Duplicate(seq);
    if (slot.status == GroupStatus.JOINING) return joining(slot, seq, message);
    if (slot.status != GroupStatus.ACTIVE) {
      return consume(slot, seq, new Processed.Rejected(MlsError.GROUP_INACTIVE, "group is " + slot.status, true));
    }
    MlsMessage parsed;
    try {
      parsed = MlsWire.parseMessage(message, client.limits());
    } catch (MlsWireException e) {
      return consume(slot, seq, new Processed.Rejected(MlsError.MALFORMED_MESSAGE, e.getMessage(), false));
    }
    try {
      Processed result = apply(slot, parsed, message);
      slot.lastSeq = seq;
      client.save(slot);
      return result;
    } catch (MlsException e) {
      if (e.error() == MlsError.STATE_IO) {
        client.forget(slot);
        throw e;
      }
      client.forget(slot);
      GroupSlot fresh = client.slot(slot.groupId);
      boolean breaks = isCommit(parsed) && !olderEpoch(parsed, fresh);
      if (breaks) {
        fresh.status = GroupStatus.BROKEN;
        fresh.problem = e.getMessage();
        fresh.pending = null;
      }
      return consume(fresh, seq, new Processed.Rejected(e.error(), e.detail(), breaks));
    }
  }

  private Processed apply(GroupSlot slot, MlsMessage parsed, byte[] message) throws MlsException {
    EngineGroup group = slot.group;
    List<LeafInfo> before = group.leaves();
    Incoming in = group.process(parsed, message);
    return switch (in) {
      case Incoming.Application a -> new Processed.Application(
          new Member(a.senderLeaf(), DeviceIdentity.fromMlsIdentity(a.senderIdentity())), a.plaintext(), a.epoch());
      case Incoming.OwnApplication o -> new Processed.OwnApplication(o.epoch());
      case Incoming.ProposalStored p -> new Processed.ProposalReceived(member(before, p.senderLeaf()), p.type(),
          p.targetLeaf().isPresent() ? Optional.of(member(before, p.targetLeaf().getAsInt())) : Optional.empty());
      case Incoming.RemovalOfSelfProposed r -> new Processed.RemovalProposed(member(before, r.senderLeaf()));
      case Incoming.Removed r -> {
        DeviceIdentity by = DeviceIdentity.fromMlsIdentity(r.senderIdentity());
        slot.status = GroupStatus.REMOVED;
        slot.problem = "removed at epoch " + r.epoch() + " by " + by;
        slot.pending = null;
        yield new Processed.Removed(by, r.epoch());
      }
      case Incoming.OwnCommit o -> {
        if (slot.pending == null || !Arrays.equals(slot.pending.commit(), message)) {
          throw new MlsException(MlsError.OWN_COMMIT_UNKNOWN, "a Commit from this device's leaf that this client does not hold");
        }
        EngineGroup next = group.merge(slot.pending);
        slot.pending = null;
        slot.group = next;
        yield applied(before, next, next.ownLeaf(), true, false);
      }
      case Incoming.CommitApplied c -> {
        boolean discarded = slot.pending != null;
        slot.pending = null;
        slot.group = c.next();
        yield applied(before, c.next(), c.senderLeaf(), false, discarded);
      }
    };
  }

  /// An external join waits for its own Commit; nothing else of the group can be read yet.
  private Processed joining(GroupSlot slot, long seq, byte[] message) throws MlsException {
    if (slot.pending == null || !Arrays.equals(slot.pending.commit(), message)) {
      return new Processed.Rejected(MlsError.GROUP_INACTIVE, "the external join has not been confirmed yet", false);
    }
    EngineGroup group = client.engine().completeExternalJoin(slot.pending);
    MlsClient.members(group.leaves());
    slot.group = group;
    slot.pending = null;
    slot.status = GroupStatus.ACTIVE;
    slot.problem = null;
    slot.lastSeq = seq;
    Member self = member(group.leaves(), group.ownLeaf());
    client.save(slot);
    return new Processed.CommitApplied(group.epoch(), self, true, List.of(self), List.of(), false);
  }

  private static Processed applied(List<LeafInfo> before, EngineGroup next, int committerLeaf, boolean own, boolean discarded)
      throws MlsException {
    List<Member> old = MlsClient.members(before);
    List<Member> now = MlsClient.members(next.leaves());
    List<Member> added = new ArrayList<>(now);
    added.removeAll(old);
    List<Member> removed = new ArrayList<>(old);
    removed.removeAll(now);
    Member committer = committerLeaf >= 0 ? member(next.leaves(), committerLeaf) : null;
    return new Processed.CommitApplied(next.epoch(), committer, own, added, removed, discarded);
  }

  private Processed consume(GroupSlot slot, long seq, Processed result) throws MlsException {
    slot.lastSeq = seq;
    client.save(slot);
    return result;
  }

  private static Member member(List<LeafInfo> leaves, int leaf) throws MlsException {
    for (LeafInfo l : leaves) if (l.leafIndex() == leaf) return new Member(leaf, DeviceIdentity.fromMlsIdentity(l.identity()));
    throw new MlsException(MlsError.UNKNOWN_SENDER, "leaf " + leaf + " is not a member");
  }

  private static boolean isCommit(MlsMessage m) {
    return m instanceof PublicMessage p && p.contentType() == ContentType.COMMIT
        || m instanceof PrivateMessage p2 && p2.contentType() == ContentType.COMMIT;
  }

  /// A Commit for an epoch we have already left is not ours to apply (nor a sign of divergence).
  private static boolean olderEpoch(MlsMessage m, GroupSlot slot) {
    long epoch = m instanceof PublicMessage p ? p.epoch() : ((PrivateMessage) m).epoch();
    return slot.group != null && Long.compareUnsigned(epoch, slot.group.epoch()) < 0;
  }
}
