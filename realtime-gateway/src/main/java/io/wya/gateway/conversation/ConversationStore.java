package io.wya.gateway.conversation;

import io.vertx.core.Future;
import io.wya.gateway.conversation.ConversationSnapshot.LoadPlan;
import io.wya.gateway.mailbox.Entry;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.UserId;
import java.util.List;
import java.util.function.Function;

/// Conversations, their logs and member lists (GATEWAY_SPEC §7). The store owns atomicity; the
/// rules ([SendRules]) own the decisions.
public interface ConversationStore {
  /// Reads a [ConversationSnapshot] per `plan` while holding the conversation's lock, asks
  /// `decide`, and applies its [Decision.Accept] in the same transaction: the seq is assigned
  /// where the entry is stored (SEQ-1), one decision per conversation at a time (EPOCH-2). A
  /// [io.wya.gateway.outcome.Rejection] thrown by `decide` fails the future and stores nothing.
  ///
  /// @param msgId the request's idempotency key, or null (RESET entries)
  Future<Decision> append(ConvId conv, DeviceKey sender, MsgId msgId, LoadPlan plan, Function<ConversationSnapshot, Decision> decide);

  /// The hot path of application messages: one statement that stores, in order, at the next
  /// seqs, those of `entries` (all of one conversation) that [SendRules] would accept outright —
  /// the conversation homed here and open, the sender an active member, the epoch within
  /// `E − grace … E`, the msg_id unused — locking the conversation row and the senders'
  /// membership rows as [#append] does. Returns, per input entry and in its order, the stored
  /// entry with its seq, or null where the full rules must decide (they then find the precise
  /// rejection or the duplicate); `epochNow` is the conversation's epoch. Fails when the
  /// statement fails (e.g. a racing writer stored one of the msg_ids first).
  Future<BatchResult> appendApplications(ConvId conv, List<Entry> entries, int grace);

  /// What [#appendApplications] stored: `stored.get(i)` is the i-th input with its seq, or null.
  record BatchResult(List<Entry> stored, long epochNow) {}

  /// Creates a conversation (CONV-1); the same creator repeating the same request gets the
  /// original result, anyone else `CONVERSATION_EXISTS`.
  Future<Void> create(NewConversation conversation);

  /// The latest GroupInfo, for a user with an active member device (GI-1), else
  /// `NOT_A_MEMBER` / `CONVERSATION_NOT_FOUND`.
  Future<StoredGroupInfo> groupInfo(ConvId conv, UserId requester);

  /// The GroupInfo kept for external joins and its epoch.
  record StoredGroupInfo(ConvId conv, long epoch, byte[] groupInfo, String convHome) {}
}
