package io.wya.gateway.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wya.gateway.conversation.ConversationSnapshot.Conversation;
import io.wya.gateway.conversation.ConversationSnapshot.Existing;
import io.wya.gateway.conversation.ConversationSnapshot.Member;
import io.wya.gateway.outcome.Rejection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.testing.MlsDevice;
import io.wya.gateway.testing.MlsGroup;
import io.wya.mls.wire.CipherSuite;
import io.wya.mls.wire.KeyPackage;
import io.wya.mls.wire.MlsCrypto;
import io.wya.mls.wire.MlsWire;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The ordering authority's rules on real MLS bytes from BouncyCastle, without a store.
class SendRulesTest {
  private static final String GW = "gw_test";
  private final SendParser parser = new SendParser(GW, 262_144);
  private final SendRules rules = new SendRules(GW, 1, 3, 10);
  private MlsDevice alice;
  private MlsDevice bob;
  private MlsGroup aliceGroup;
  private ConvId conv;
  private byte[] bobKeyPackage;

  @BeforeEach
  void setUp() {
    alice = MlsDevice.newUser();
    bob = MlsDevice.newUser();
    byte[] groupId = MlsDevice.random(32);
    conv = new ConvId(groupId);
    aliceGroup = alice.createGroup(groupId);
    bobKeyPackage = bob.keyPackage(30);
  }

  private ClientFrame.Send send(byte[] mls, byte[] welcome, byte[] groupInfo) {
    return new ClientFrame.Send(conv, new MsgId(MlsDevice.random(16)), mls, welcome == null ? new byte[0] : welcome,
        groupInfo == null ? new byte[0] : groupInfo, "");
  }

  private ConversationSnapshot snapshot(long epoch, long head, Member sender, List<Member> active, Map<String, DeviceKey> issued) {
    return new ConversationSnapshot(new Conversation(conv, GW, 1, epoch, head, null), null, sender, active, Map.of(), 0, issued);
  }

  private Map<String, DeviceKey> issued(byte[] keyPackageMessage, DeviceKey owner) throws Exception {
    KeyPackage kp = (KeyPackage) MlsWire.parseMessage(keyPackageMessage);
    return Map.of(HexFormat.of().formatHex(MlsCrypto.keyPackageRef(CipherSuite.of(1), kp)), owner);
  }

  private Decision decide(ConversationSnapshot snap, ClientFrame.Send send, DeviceKey sender) {
    return rules.decide(snap, parser.parse(send), sender, 1_000);
  }

  private ErrorCode rejected(ConversationSnapshot snap, ClientFrame.Send send, DeviceKey sender) {
    Rejection r = catchThrowableOfType(Rejection.class, () -> decide(snap, send, sender));
    return r == null ? null : r.code();
  }

  @Test
  @DisplayName("MBR-1 a Commit adding a device places it at the leftmost free leaf and its Welcome names its KeyPackage")
  void addCommitIsAccepted() throws Exception {
    MlsGroup.Bundle add = aliceGroup.commitAdd(List.of(bobKeyPackage));
    Member a = new Member(alice.key(), 0);
    Decision d = decide(snapshot(0, 0, a, List.of(a), issued(bobKeyPackage, bob.key())), send(add.commit(), add.welcome(), add.groupInfo()),
        alice.key());
    Decision.Accept accept = (Decision.Accept) d;
    assertThat(accept.entry().seq()).isEqualTo(1);
    assertThat(accept.entry().kind()).isEqualTo(EntryKind.COMMIT);
    assertThat(accept.epochAfter()).isEqualTo(1);
    assertThat(accept.added()).containsExactly(new Member(bob.key(), 1));
    assertThat(accept.entry().welcome()).isEqualTo(add.welcome());
  }

  /// Alice and Bob in one group at epoch 1 (Bob joined from the Welcome).
  private MlsGroup twoMembers() {
    aliceGroup.commitAdd(List.of(bobKeyPackage));
    aliceGroup.applyOwnCommit();
    return aliceGroup;
  }

  @Test
  @DisplayName("EPOCH-1 a Commit for an older epoch is STALE_EPOCH with the current epoch, a newer one FUTURE_EPOCH")
  void commitEpochMustBeCurrent() throws Exception {
    MlsGroup.Bundle add = aliceGroup.commitAdd(List.of(bobKeyPackage));
    Member a = new Member(alice.key(), 0);
    Rejection stale = catchThrowableOfType(Rejection.class, () -> decide(snapshot(1, 1, a, List.of(a), issued(bobKeyPackage, bob.key())),
        send(add.commit(), add.welcome(), add.groupInfo()), alice.key()));
    assertThat(stale.code()).isEqualTo(ErrorCode.STALE_EPOCH);
    assertThat(stale.error().currentEpoch()).hasValue(1);
    aliceGroup.applyOwnCommit();
    MlsGroup.Bundle later = aliceGroup.commitUpdate();
    Member b = new Member(bob.key(), 1);
    Rejection future = catchThrowableOfType(Rejection.class, () -> decide(snapshot(0, 0, a, List.of(a, b), Map.of()),
        send(later.commit(), null, later.groupInfo()), alice.key()));
    assertThat(future.code()).isEqualTo(ErrorCode.FUTURE_EPOCH);
    assertThat(future.error().currentEpoch()).hasValue(0);
  }

  @Test
  @DisplayName("COMMIT-2 a Commit that adds members needs the Welcome for exactly their KeyPackages")
  void welcomeMustMatchTheAdds() throws Exception {
    MlsGroup.Bundle add = aliceGroup.commitAdd(List.of(bobKeyPackage));
    Member a = new Member(alice.key(), 0);
    ConversationSnapshot snap = snapshot(0, 0, a, List.of(a), issued(bobKeyPackage, bob.key()));
    assertThat(rejected(snap, send(add.commit(), null, add.groupInfo()), alice.key())).isEqualTo(ErrorCode.COMMIT_BUNDLE_INVALID);
    MlsGroup.Bundle other = alice.createGroup(conv.bytes()).commitAdd(List.of(bob.keyPackage(30)));
    assertThat(rejected(snap, send(add.commit(), other.welcome(), add.groupInfo()), alice.key())).isEqualTo(ErrorCode.COMMIT_BUNDLE_INVALID);
    twoMembers();
    MlsGroup.Bundle update = aliceGroup.commitUpdate();
    Member b = new Member(bob.key(), 1);
    assertThat(rejected(snapshot(1, 1, a, List.of(a, b), Map.of()), send(update.commit(), add.welcome(), update.groupInfo()), alice.key()))
        .as("a Commit that adds nobody carries no Welcome").isEqualTo(ErrorCode.COMMIT_BUNDLE_INVALID);
  }

  @Test
  @DisplayName("COMMIT-1 a Commit without the GroupInfo of the next epoch is COMMIT_BUNDLE_INVALID")
  void commitNeedsGroupInfo() throws Exception {
    MlsGroup.Bundle add = aliceGroup.commitAdd(List.of(bobKeyPackage));
    Member a = new Member(alice.key(), 0);
    ConversationSnapshot snap = snapshot(0, 0, a, List.of(a), issued(bobKeyPackage, bob.key()));
    assertThat(rejected(snap, send(add.commit(), add.welcome(), null), alice.key())).isEqualTo(ErrorCode.COMMIT_BUNDLE_INVALID);
    assertThat(rejected(snap, send(add.commit(), add.welcome(), aliceGroup.groupInfo()), alice.key()))
        .as("the GroupInfo of the current epoch, not the next").isEqualTo(ErrorCode.COMMIT_BUNDLE_INVALID);
  }

  @Test
  @DisplayName("MBR-2 a Commit adding a device with a KeyPackage this gateway did not issue is rejected")
  void addNeedsAnIssuedKeyPackage() {
    MlsGroup.Bundle add = aliceGroup.commitAdd(List.of(bobKeyPackage));
    Member a = new Member(alice.key(), 0);
    assertThat(rejected(snapshot(0, 0, a, List.of(a), Map.of()), send(add.commit(), add.welcome(), add.groupInfo()), alice.key()))
        .isEqualTo(ErrorCode.MEMBERSHIP_CHANGE_REJECTED);
  }

  @Test
  @DisplayName("MBR-2 a Commit adding an active member, or removing a non-member, is rejected; a valid Remove ends the window")
  void membershipChangesAreChecked() throws Exception {
    Member a = new Member(alice.key(), 0);
    Member b = new Member(bob.key(), 1);
    MlsGroup.Bundle add = aliceGroup.commitAdd(List.of(bobKeyPackage));
    assertThat(rejected(snapshot(0, 1, a, List.of(a, b), issued(bobKeyPackage, bob.key())), send(add.commit(), add.welcome(),
        add.groupInfo()), alice.key())).as("bob is already a member").isEqualTo(ErrorCode.MEMBERSHIP_CHANGE_REJECTED);
    // BouncyCastle 1.84 cannot commit a removal that leaves one member (mls-notes B1): use three.
    MlsDevice carol = MlsDevice.newUser();
    byte[] carolKeyPackage = carol.keyPackage(30);
    MlsGroup threeMembers = alice.createGroup(conv.bytes());
    threeMembers.commitAdd(List.of(bob.keyPackage(30), carolKeyPackage));
    threeMembers.applyOwnCommit();
    Member c = new Member(carol.key(), 2);
    MlsGroup.Bundle remove = threeMembers.commitRemove(2);
    assertThat(rejected(snapshot(1, 1, a, List.of(a, b), Map.of()), send(remove.commit(), null, remove.groupInfo()), alice.key()))
        .as("leaf 2 is not an active member").isEqualTo(ErrorCode.MEMBERSHIP_CHANGE_REJECTED);
    Decision.Accept removed = (Decision.Accept) decide(snapshot(1, 1, a, List.of(a, b, c), Map.of()),
        send(remove.commit(), null, remove.groupInfo()), alice.key());
    assertThat(removed.removed()).containsExactly(c);
  }

  @Test
  @DisplayName("MLS-4 a handshake whose sender leaf is not the authenticated device's leaf is SENDER_MISMATCH")
  void senderLeafMustBeTheDevices() {
    twoMembers();
    MlsGroup.Bundle update = aliceGroup.commitUpdate();
    Member aliceAtOne = new Member(alice.key(), 1);
    assertThat(rejected(snapshot(1, 1, aliceAtOne, List.of(aliceAtOne, new Member(bob.key(), 0)), Map.of()),
        send(update.commit(), null, update.groupInfo()), alice.key())).isEqualTo(ErrorCode.SENDER_MISMATCH);
  }

  @Test
  @DisplayName("EPOCH-4 application messages of the previous epoch pass, older ones are EPOCH_TOO_OLD")
  void applicationEpochGrace() {
    byte[] atZero = aliceGroup.protect("hello");
    Member a = new Member(alice.key(), 0);
    assertThat(decide(snapshot(1, 5, a, List.of(), Map.of()), send(atZero, null, null), alice.key())).isInstanceOf(Decision.Accept.class);
    Rejection old = catchThrowableOfType(Rejection.class, () -> decide(snapshot(2, 5, a, List.of(), Map.of()), send(atZero, null, null),
        alice.key()));
    assertThat(old.code()).isEqualTo(ErrorCode.EPOCH_TOO_OLD);
    assertThat(old.error().currentEpoch()).hasValue(2);
  }

  @Test
  @DisplayName("SEQ-2 the same msg_id with the same bytes from the same device is a duplicate with the original seq; other bytes conflict")
  void msgIdIsIdempotent() {
    byte[] message = aliceGroup.protect("once");
    ClientFrame.Send s = send(message, null, null);
    Member a = new Member(alice.key(), 0);
    ConversationSnapshot dup = new ConversationSnapshot(new Conversation(conv, GW, 1, 3, 9, null), new Existing(7, alice.key(), message),
        a, List.of(), Map.of(), 0, Map.of());
    assertThat(decide(dup, s, alice.key())).isEqualTo(new Decision.Duplicate(7, 3));
    ConversationSnapshot conflict = new ConversationSnapshot(new Conversation(conv, GW, 1, 3, 9, null),
        new Existing(7, alice.key(), aliceGroup.protect("other")), a, List.of(), Map.of(), 0, Map.of());
    assertThat(rejected(conflict, s, alice.key())).isEqualTo(ErrorCode.MSG_ID_CONFLICT);
  }

  @Test
  @DisplayName("MLS-5 a non-member cannot post")
  void nonMemberCannotPost() {
    byte[] message = aliceGroup.protect("hi");
    assertThat(rejected(snapshot(0, 0, null, List.of(), Map.of()), send(message, null, null), bob.key())).isEqualTo(ErrorCode.NOT_A_MEMBER);
  }

  @Test
  @DisplayName("GW-1 a conversation homed on another gateway is FEDERATION_UNSUPPORTED")
  void foreignHomeIsRefused() {
    byte[] message = aliceGroup.protect("hi");
    ConversationSnapshot foreign = new ConversationSnapshot(new Conversation(conv, "gw_other", 1, 0, 0, null), null,
        new Member(alice.key(), 0), List.of(), Map.of(), 0, Map.of());
    assertThat(rejected(foreign, send(message, null, null), alice.key())).isEqualTo(ErrorCode.FEDERATION_UNSUPPORTED);
  }

  @Test
  @DisplayName("RESET-1 a Send to a reset conversation is CONVERSATION_CLOSED with the successor")
  void closedConversation() {
    ConvId successor = new ConvId(MlsDevice.random(32));
    ConversationSnapshot closed = new ConversationSnapshot(new Conversation(conv, GW, 1, 0, 4, successor), null,
        new Member(alice.key(), 0), List.of(), Map.of(), 0, Map.of());
    Rejection r = catchThrowableOfType(Rejection.class, () -> decide(closed, send(aliceGroup.protect("x"), null, null), alice.key()));
    assertThat(r.code()).isEqualTo(ErrorCode.CONVERSATION_CLOSED);
    assertThat(r.error().successorConvId()).isEqualTo(successor.bytes());
  }

  @Test
  @DisplayName("MBR-5 a real external Commit by a new device of a member user is accepted and places the joiner")
  void externalJoinFromBouncyCastle() {
    twoMembers();
    MlsDevice aliceSecond = alice.anotherDevice();
    MlsDevice.ExternalJoin join = aliceSecond.externalJoin(aliceGroup.groupInfo());
    Member a = new Member(alice.key(), 0);
    Member b = new Member(bob.key(), 1);
    Decision.Accept accepted = (Decision.Accept) decide(snapshot(1, 1, null, List.of(a, b), Map.of()),
        send(join.commit(), null, join.groupInfo()), aliceSecond.key());
    assertThat(accepted.added()).containsExactly(new Member(aliceSecond.key(), 2));
    assertThat(accepted.epochAfter()).isEqualTo(2);
    MlsDevice stranger = MlsDevice.newUser();
    MlsDevice.ExternalJoin intruder = stranger.externalJoin(aliceGroup.groupInfo());
    assertThat(rejected(snapshot(1, 1, null, List.of(a, b), Map.of()), send(intruder.commit(), null, intruder.groupInfo()), stranger.key()))
        .as("a user without a member device").isEqualTo(ErrorCode.MEMBERSHIP_CHANGE_REJECTED);
  }

  @Test
  @DisplayName("EPOCH-3 proposals beyond GATEWAY_MAX_PENDING_PROPOSALS in one epoch are QUOTA_EXCEEDED")
  void pendingProposalQuota() {
    twoMembers();
    byte[] proposal = aliceGroup.proposeAdd(bob.keyPackage(30));
    Member a = new Member(alice.key(), 0);
    ConversationSnapshot full = new ConversationSnapshot(new Conversation(conv, GW, 1, 1, 3, null), null, a, List.of(), Map.of(), 3,
        Map.of());
    assertThat(rejected(full, send(proposal, null, null), alice.key())).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    ConversationSnapshot room = new ConversationSnapshot(new Conversation(conv, GW, 1, 1, 3, null), null, a, List.of(), Map.of(), 2,
        Map.of());
    Decision.Accept kept = (Decision.Accept) decide(room, send(proposal, null, null), alice.key());
    assertThat(kept.proposal()).isNotNull();
    assertThat(kept.entry().kind()).isEqualTo(EntryKind.PROPOSAL);
  }
}
