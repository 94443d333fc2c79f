package io.wya.gateway.conversation;

import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/// What a store reads, under the conversation's lock, for the rules to decide one `Send`
/// ([SendRules]). Only what the [LoadPlan] asked for is filled in.
///
/// @param existing    the entry already holding the request's msg_id, or null (SEQ-2)
/// @param sender      the sender's active membership, or null
/// @param active      every active member (COMMIT only)
/// @param pending     pending proposals of the current epoch by hex ProposalRef (COMMIT only)
/// @param pendingCount number of pending proposals (PROPOSAL only)
/// @param issuedRefs  KeyPackageRefs this gateway issued, by hex ref, with their device (COMMIT adds)
public record ConversationSnapshot(Conversation conv, Existing existing, Member sender, List<Member> active,
                                   Map<String, PendingProposal> pending, int pendingCount, Map<String, DeviceKey> issuedRefs) {
  public ConversationSnapshot {
    active = List.copyOf(active);
    pending = Map.copyOf(pending);
    issuedRefs = Map.copyOf(issuedRefs);
  }

  /// The conversation row.
  ///
  /// @param successor set once the conversation was reset (RESET-1), else null
  public record Conversation(ConvId conv, String convHome, int cipherSuite, long epoch, long headSeq, ConvId successor) {}

  /// An active member: the device at a leaf.
  public record Member(DeviceKey device, long leaf) {}

  /// The entry that already holds a msg_id.
  public record Existing(long seq, DeviceKey sender, byte[] mlsMessage) {}

  /// A proposal accepted in the current epoch, kept for Commits that reference it (EPOCH-3).
  ///
  /// @param message the proposal's PublicMessage bytes (already parsed once)
  public record PendingProposal(byte[] ref, long senderLeaf, byte[] message) {}

  /// Which optional parts a decision needs.
  public record LoadPlan(boolean members, List<byte[]> proposalRefs, List<byte[]> keyPackageRefs, boolean countPending) {
    public LoadPlan {
      proposalRefs = List.copyOf(proposalRefs);
      keyPackageRefs = List.copyOf(keyPackageRefs);
    }
  }

  static String hex(byte[] ref) { return HexFormat.of().formatHex(ref); }
}
