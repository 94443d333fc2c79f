/// Conversations, their ordering and their member lists (GATEWAY_SPEC §7). Owns the tables
/// `conversations`, `members` (leaf, window, ack cursor), `entries` and `pending_proposals`.
///
/// # Invariants
/// * SEQ-1 `seq` is gap-free per conversation: assigned as `head_seq + 1` under the conversation's
///   row lock, in the transaction that stores the entry (ADR 0203).
/// * SEQ-2 a repeated `msg_id` (same bytes, same device) returns the original `seq`.
/// * EPOCH-1/2 a Commit is accepted only for the current epoch; one per epoch.
/// * MBR-1 the member list changes only through accepted Commits ([io.wya.gateway.conversation.MembershipPlan]).
///
/// [io.wya.gateway.conversation.SendRules] decides, pure; [io.wya.gateway.conversation.PostgresConversationStore]
/// makes it atomic.
package io.wya.gateway.conversation;
