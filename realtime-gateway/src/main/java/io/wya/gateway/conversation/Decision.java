package io.wya.gateway.conversation;

import io.wya.gateway.conversation.ConversationSnapshot.Member;
import io.wya.gateway.conversation.ConversationSnapshot.PendingProposal;
import io.wya.gateway.mailbox.Entry;
import java.util.List;

/// What [SendRules] decided for one `Send` that was not rejected.
public sealed interface Decision {
  /// The msg_id is already in the log with these bytes (SEQ-2): nothing is stored.
  record Duplicate(long seq, long epoch) implements Decision {}

  /// Store `entry` at its seq and apply the rest in the same transaction.
  ///
  /// @param epochAfter     the conversation's epoch after this entry
  /// @param groupInfo      the latest GroupInfo to keep (a Commit's), or null
  /// @param removed        members removed by this Commit (their windows end at `entry.seq`)
  /// @param added          devices added by this Commit, at their leaves (windows start at `entry.seq`)
  /// @param proposal       a proposal to keep until the epoch ends, or null
  /// @param endsEpoch      true for a Commit: pending proposals are dropped
  /// @param successor      RESET only: the conversation created in the same transaction, else null
  record Accept(Entry entry, long epochAfter, byte[] groupInfo, List<Member> removed, List<Member> added,
                PendingProposal proposal, boolean endsEpoch, NewConversation successor) implements Decision {
    public Accept {
      removed = List.copyOf(removed);
      added = List.copyOf(added);
    }
  }
}
