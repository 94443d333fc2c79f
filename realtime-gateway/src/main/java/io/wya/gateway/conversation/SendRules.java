package io.wya.gateway.conversation;

import io.wya.gateway.conversation.ConversationSnapshot.Conversation;
import io.wya.gateway.conversation.ConversationSnapshot.LoadPlan;
import io.wya.gateway.conversation.ConversationSnapshot.Member;
import io.wya.gateway.conversation.ConversationSnapshot.PendingProposal;
import io.wya.gateway.mailbox.Entry;
import io.wya.gateway.outcome.Rejection;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.mls.wire.CipherSuite;
import io.wya.mls.wire.Commit;
import io.wya.mls.wire.KeyPackage;
import io.wya.mls.wire.MlsCrypto;
import io.wya.mls.wire.Proposal;
import io.wya.mls.wire.Sender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// The ordering authority's decision for one `Send`, given what the store read under the
/// conversation's lock (GATEWAY_SPEC §7.2–§7.5). Pure and deterministic: the same snapshot and
/// request always give the same decision, so the in-memory and PostgreSQL stores agree.
///
/// Order of checks: conversation exists and is homed here (GW-1) → msg_id idempotency (SEQ-2,
/// before the epoch rules so a lost `Sent` is recoverable) → closed (RESET-1) → membership
/// (MLS-5) → sender leaf (MLS-4) → epoch (EPOCH-1, EPOCH-3, EPOCH-4) → bundle and membership
/// rules for Commits (COMMIT-1…4, MBR-1…5).
public final class SendRules {
  private final String gatewayId;
  private final int appEpochGrace;
  private final int maxPendingProposals;
  private final int maxMembers;

  public SendRules(String gatewayId, int appEpochGrace, int maxPendingProposals, int maxMembers) {
    this.gatewayId = gatewayId;
    this.appEpochGrace = appEpochGrace;
    this.maxPendingProposals = maxPendingProposals;
    this.maxMembers = maxMembers;
  }

  /// `GATEWAY_APP_EPOCH_GRACE` (EPOCH-4), for the store's fast path.
  public int appEpochGrace() { return appEpochGrace; }

  /// What the store must read for `send`.
  public static LoadPlan plan(ParsedSend send) {
    if (send.kind() == ParsedSend.Kind.PROPOSAL) return new LoadPlan(false, List.of(), List.of(), true);
    if (send.kind() == ParsedSend.Kind.APPLICATION) return new LoadPlan(false, List.of(), List.of(), false);
    List<byte[]> proposalRefs = new ArrayList<>();
    List<byte[]> keyPackageRefs = new ArrayList<>();
    for (Commit.ProposalOrRef p : send.commit().proposals()) {
      switch (p) {
        case Commit.ProposalOrRef.ByReference(byte[] ref) -> proposalRefs.add(ref);
        case Commit.ProposalOrRef.ByValue(Proposal.Add(KeyPackage kp)) -> {
          CipherSuite suite = CipherSuite.of(kp.cipherSuite());
          if (suite != null) keyPackageRefs.add(MlsCrypto.keyPackageRef(suite, kp));
        }
        default -> { }
      }
    }
    return new LoadPlan(true, proposalRefs, keyPackageRefs, false);
  }

  /// Refs of the KeyPackages that referenced proposals add; a second read once they are known.
  public static List<byte[]> addedRefs(List<PendingProposal> proposals) {
    List<byte[]> refs = new ArrayList<>();
    for (PendingProposal p : proposals) {
      try {
        if (io.wya.mls.wire.MlsWire.parseMessage(p.message()) instanceof io.wya.mls.wire.PublicMessage pm
            && pm.content().body() instanceof Proposal.Add(KeyPackage kp) && CipherSuite.of(kp.cipherSuite()) != null) {
          refs.add(MlsCrypto.keyPackageRef(CipherSuite.of(kp.cipherSuite()), kp));
        }
      } catch (io.wya.mls.wire.MlsWireException e) {
        throw new IllegalStateException("a stored proposal no longer parses", e);
      }
    }
    return refs;
  }

  /// Decides `send` from `sender` at `nowMs`.
  /// @throws Rejection with the code of GATEWAY_SPEC §10
  public Decision decide(ConversationSnapshot snap, ParsedSend send, DeviceKey sender, long nowMs) {
    Conversation c = snap.conv();
    if (c == null) throw Rejection.of(ErrorCode.CONVERSATION_NOT_FOUND, "no conversation " + send.request().convId().hex());
    if (!c.convHome().equals(gatewayId)) {
      throw Rejection.of(ErrorCode.FEDERATION_UNSUPPORTED, "the conversation's home is " + c.convHome() + " (GW-1)");
    }
    if (snap.existing() != null) {
      if (snap.existing().sender().equals(sender) && Arrays.equals(snap.existing().mlsMessage(), send.request().mlsMessage())) {
        return new Decision.Duplicate(snap.existing().seq(), c.epoch());
      }
      throw Rejection.of(ErrorCode.MSG_ID_CONFLICT, "msg_id already used for different bytes (SEQ-2)");
    }
    if (c.successor() != null) {
      throw new Rejection(ServerFrame.Error.of(ErrorCode.CONVERSATION_CLOSED, "the conversation was reset (RESET-1)")
          .withSuccessor(c.successor()));
    }
    CipherSuite suite = CipherSuite.of(c.cipherSuite());
    return switch (send.kind()) {
      case APPLICATION -> {
        requireMember(snap);
        long e = send.epoch();
        if (Long.compareUnsigned(e, c.epoch()) > 0) throw epochError(ErrorCode.FUTURE_EPOCH, c, "the application message is from a future epoch");
        if (c.epoch() - e > appEpochGrace) throw epochError(ErrorCode.EPOCH_TOO_OLD, c, "re-encrypt in the current epoch (EPOCH-4)");
        yield accept(c, send, EntryKind.APPLICATION, sender, nowMs, c.epoch(), null, List.of(), List.of(), null, false);
      }
      case PROPOSAL -> {
        Member member = requireMember(snap);
        requireLeaf(send, member);
        requireCurrentEpoch(send, c, "proposal");
        Proposal proposal = (Proposal) send.publicMessage().content().body();
        MembershipPlan.checkType(proposal);
        if (snap.pendingCount() >= maxPendingProposals) {
          throw Rejection.of(ErrorCode.QUOTA_EXCEEDED, "the epoch already has " + snap.pendingCount() + " pending proposals (EPOCH-3)");
        }
        PendingProposal pending = new PendingProposal(MlsCrypto.proposalRef(suite, send.publicMessage()), member.leaf(),
            send.request().mlsMessage());
        yield accept(c, send, EntryKind.PROPOSAL, sender, nowMs, c.epoch(), null, List.of(), List.of(), pending, false);
      }
      case COMMIT -> commit(snap, send, sender, suite, nowMs);
    };
  }

  /// Decides a reset (RESET-1): the old conversation gets a RESET entry naming `successor`,
  /// created in the same transaction.
  public Decision decideReset(ConversationSnapshot snap, NewConversation successor, DeviceKey requester, long nowMs) {
    Conversation c = snap.conv();
    if (c == null) throw Rejection.of(ErrorCode.CONVERSATION_NOT_FOUND, "no conversation " + successor.conv().hex());
    if (!c.convHome().equals(gatewayId)) {
      throw Rejection.of(ErrorCode.FEDERATION_UNSUPPORTED, "the conversation's home is " + c.convHome() + " (GW-1)");
    }
    if (c.successor() != null) {
      throw new Rejection(ServerFrame.Error.of(ErrorCode.CONVERSATION_CLOSED, "the conversation was already reset (RESET-1)")
          .withSuccessor(c.successor()));
    }
    requireMember(snap);
    byte[] digest = sha256(successor.conv().unsafeBytes());
    Entry entry = new Entry(c.conv(), c.headSeq() + 1, new io.wya.gateway.protocol.MsgId(Arrays.copyOf(digest, 16)),
        EntryKind.RESET, c.epoch(), new byte[0], null, null, successor.conv(), c.convHome(), gatewayId, nowMs, requester);
    return new Decision.Accept(entry, c.epoch(), null, List.of(), List.of(), null, true, successor);
  }

  static byte[] sha256(byte[] data) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Decision commit(ConversationSnapshot snap, ParsedSend send, DeviceKey sender, CipherSuite suite, long nowMs) {
    Conversation c = snap.conv();
    MembershipPlan.Change change;
    if (send.externalCommit()) {
      requireCurrentEpoch(send, c, "Commit");
      change = MembershipPlan.externalCommit(send.commit(), sender, snap.active(), maxMembers);
    } else {
      Member member = requireMember(snap);
      requireLeaf(send, member);
      requireCurrentEpoch(send, c, "Commit");
      change = MembershipPlan.memberCommit(send.commit(), member, snap.active(), suite, snap.pending(), snap.issuedRefs(), maxMembers);
    }
    if (send.groupInfo().groupContext().cipherSuite() != c.cipherSuite()) {
      throw Rejection.of(ErrorCode.COMMIT_BUNDLE_INVALID, "group_info has suite " + send.groupInfo().groupContext().cipherSuite()
          + ", the conversation " + c.cipherSuite() + " (COMMIT-1)");
    }
    if (change.added().isEmpty() || send.externalCommit()) {
      if (send.welcome() != null) throw Rejection.of(ErrorCode.COMMIT_BUNDLE_INVALID, "a Commit that adds nobody carries no welcome (COMMIT-2)");
    } else {
      if (send.welcome() == null) throw Rejection.of(ErrorCode.COMMIT_BUNDLE_INVALID, "a Commit that adds members needs a welcome (COMMIT-2)");
      if (send.welcome().cipherSuite() != c.cipherSuite()) {
        throw Rejection.of(ErrorCode.COMMIT_BUNDLE_INVALID, "the welcome's suite is not the conversation's (COMMIT-2)");
      }
      if (!MembershipPlan.sameRefs(send.welcome().recipients(), change.addedRefs())) {
        throw Rejection.of(ErrorCode.COMMIT_BUNDLE_INVALID, "the welcome's recipients are not the added KeyPackages (COMMIT-2)");
      }
    }
    return accept(c, send, EntryKind.COMMIT, sender, nowMs, c.epoch() + 1, send.request().groupInfo(), change.removed(),
        change.added(), null, true);
  }

  private Decision.Accept accept(Conversation c, ParsedSend send, EntryKind kind, DeviceKey sender, long nowMs, long epochAfter,
                                 byte[] groupInfo, List<Member> removed, List<Member> added, PendingProposal proposal,
                                 boolean endsEpoch) {
    byte[] welcome = send.welcome() == null ? null : send.request().welcome();
    Entry entry = new Entry(c.conv(), c.headSeq() + 1, send.request().msgId(), kind, send.epoch(), send.request().mlsMessage(),
        welcome, groupInfo, null, c.convHome(), gatewayId, nowMs, sender);
    return new Decision.Accept(entry, epochAfter, groupInfo, removed, added, proposal, endsEpoch, null);
  }

  private static Member requireMember(ConversationSnapshot snap) {
    if (snap.sender() == null) throw Rejection.of(ErrorCode.NOT_A_MEMBER, "not an active member of the conversation (MLS-5)");
    return snap.sender();
  }

  private static void requireLeaf(ParsedSend send, Member member) {
    if (!(send.publicMessage().sender() instanceof Sender.Member(long leaf)) || leaf != member.leaf()) {
      throw Rejection.of(ErrorCode.SENDER_MISMATCH, "the PublicMessage's sender is not your leaf " + member.leaf() + " (MLS-4)");
    }
  }

  private static void requireCurrentEpoch(ParsedSend send, Conversation c, String what) {
    int cmp = Long.compareUnsigned(send.epoch(), c.epoch());
    if (cmp < 0) throw epochError(ErrorCode.STALE_EPOCH, c, "the " + what + " is for epoch " + send.epoch() + "; process the newer entries and retry (EPOCH-1)");
    if (cmp > 0) throw epochError(ErrorCode.FUTURE_EPOCH, c, "the " + what + " is for a future epoch " + send.epoch());
  }

  private static Rejection epochError(ErrorCode code, Conversation c, String message) {
    return new Rejection(ServerFrame.Error.of(code, message + "; current epoch " + c.epoch()).withCurrentEpoch(c.epoch()));
  }
}
