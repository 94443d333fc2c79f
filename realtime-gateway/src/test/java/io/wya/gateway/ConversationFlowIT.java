package io.wya.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.Ping;
import io.wya.gateway.protocol.Pong;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.ServerMessage;
import io.wya.gateway.testing.MlsDevice;
import io.wya.gateway.testing.MlsGroup;
import io.wya.gateway.testing.Peer;
import io.wya.gateway.testing.TestGateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// Two (and more) devices of different users build and use a group through a real gateway on
/// the local PostgreSQL and Redis, with real MLS bytes from BouncyCastle.
class ConversationFlowIT {
  private static TestGateway gw;

  @BeforeAll
  static void start() {
    gw = TestGateway.start("flow", Map.of());
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  /// Alice and Bob, logged in, in a fresh two-member group (epoch 1), both processed the Commit.
  record Pair(Peer alice, Peer bob, MlsGroup aliceGroup, MlsGroup bobGroup, ConvId conv) {}

  static Pair pair(TestGateway gw) throws Exception {
    Peer alice = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    Peer bob = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    bob.upload(2);
    byte[] kp = alice.claimOne(bob.device);
    MlsGroup aliceGroup = alice.device.createGroup(MlsDevice.random(32));
    ConvId conv = alice.create(aliceGroup);
    MlsGroup.Bundle add = aliceGroup.commitAdd(List.of(kp));
    alice.commit(conv, add);
    alice.deliver(conv, EntryKind.COMMIT);
    aliceGroup.applyOwnCommit();
    ServerFrame.Deliver welcome = bob.deliver(conv, EntryKind.WELCOME);
    return new Pair(alice, bob, aliceGroup, bob.device.join(welcome.mlsMessage()), conv);
  }

  @Test
  @DisplayName("MBR-3 DLV-2 GW-2 two devices of two users create a group (KeyPackage upload, claim, Commit + Welcome) and talk both ways")
  void twoUsersCreateAGroupAndTalk() throws Exception {
    Peer alice = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    Peer bob = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    ServerFrame.KeyPackagesUploaded uploaded = bob.upload(3);
    assertThat(uploaded.refs()).hasSize(3);
    assertThat(uploaded.oneTimeCount()).isEqualTo(3);
    assertThat(uploaded.servedBy()).isEqualTo("gw_test");
    assertThat(uploaded.userHomeGateway()).isEqualTo("gw_test");

    ServerFrame.KeyPackagesClaimed claimed = alice.claim(bob.device);
    assertThat(claimed.servedBy()).isEqualTo("gw_test");
    assertThat(claimed.userHomeGateway()).isEqualTo("gw_test");
    assertThat(claimed.keyPackages()).hasSize(1);
    assertThat(uploaded.refs()).anySatisfy(ref -> assertThat(ref).isEqualTo(claimed.keyPackages().getFirst().ref()));

    MlsGroup aliceGroup = alice.device.createGroup(MlsDevice.random(32));
    ConvId conv = new ConvId(aliceGroup.groupId());
    ServerFrame.ConversationCreated created = alice.client.call(new ClientFrame.CreateConversation(conv, aliceGroup.groupInfo(), ""),
        ServerFrame.ConversationCreated.class, Peer.T);
    assertThat(created.epoch()).isZero();
    assertThat(created.convHome()).isEqualTo("gw_test");
    assertThat(created.originGateway()).isEqualTo("gw_test");

    MlsGroup.Bundle add = aliceGroup.commitAdd(List.of(claimed.keyPackages().getFirst().keyPackage()));
    ServerFrame.Sent commitSent = alice.commit(conv, add);
    assertThat(commitSent.seq()).isEqualTo(1);
    assertThat(commitSent.epoch()).isEqualTo(1);
    assertThat(commitSent.convHome()).isEqualTo("gw_test");
    assertThat(commitSent.originGateway()).isEqualTo("gw_test");

    ServerFrame.Deliver echo = alice.deliver(conv, EntryKind.COMMIT);
    assertThat(echo.seq()).isEqualTo(1);
    assertThat(echo.mlsMessage()).isEqualTo(add.commit());
    aliceGroup.applyOwnCommit();

    ServerFrame.Deliver welcome = bob.deliver(conv, EntryKind.WELCOME);
    assertThat(welcome.seq()).isEqualTo(1);
    assertThat(welcome.epoch()).isEqualTo(1);
    assertThat(welcome.mlsMessage()).isEqualTo(add.welcome());
    assertThat(welcome.groupInfo()).isEqualTo(add.groupInfo());
    assertThat(welcome.convHome()).isEqualTo("gw_test");
    assertThat(welcome.originGateway()).isEqualTo("gw_test");
    MlsGroup bobGroup = bob.device.join(welcome.mlsMessage());
    assertThat(bobGroup.epoch()).isEqualTo(aliceGroup.epoch());

    ServerFrame.Sent hello = alice.sent(conv, aliceGroup.protect("hello bob"));
    assertThat(hello.seq()).isEqualTo(2);
    ServerFrame.Deliver atBob = bob.deliver(conv, EntryKind.APPLICATION);
    assertThat(atBob.seq()).isEqualTo(2);
    assertThat(bobGroup.unprotect(atBob.mlsMessage())).isEqualTo("hello bob");
    assertThat(alice.deliver(conv, EntryKind.APPLICATION).seq()).as("the sender's echo").isEqualTo(2);

    bob.sent(conv, bobGroup.protect("hi alice"));
    ServerFrame.Deliver atAlice = alice.deliver(conv, EntryKind.APPLICATION);
    assertThat(atAlice.seq()).isEqualTo(3);
    assertThat(aliceGroup.unprotect(atAlice.mlsMessage())).isEqualTo("hi alice");

    ServerFrame.GroupInfo gi = bob.client.call(new ClientFrame.GetGroupInfo(conv), ServerFrame.GroupInfo.class, Peer.T);
    assertThat(gi.epoch()).isEqualTo(1);
    assertThat(gi.groupInfo()).isEqualTo(add.groupInfo());
    assertThat(gi.convHome()).isEqualTo("gw_test");
    alice.close();
    bob.close();
  }

  @Test
  @DisplayName("CONV-1 the same creator repeating CreateConversation gets the original result; anyone else CONVERSATION_EXISTS")
  void createIsIdempotentForItsCreator() throws Exception {
    Peer alice = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    Peer mallory = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    MlsGroup group = alice.device.createGroup(MlsDevice.random(32));
    ConvId conv = alice.create(group);
    assertThat(alice.client.call(new ClientFrame.CreateConversation(conv, group.groupInfo(), ""), ServerFrame.ConversationCreated.class,
        Peer.T).convId()).isEqualTo(conv);
    ServerMessage taken = mallory.client.request(new ClientFrame.CreateConversation(conv,
        mallory.device.createGroup(conv.bytes()).groupInfo(), ""), Peer.T);
    assertThat(mallory.error(taken).code()).isEqualTo(ErrorCode.CONVERSATION_EXISTS);
    ConvId other = new ConvId(MlsDevice.random(32));
    assertThat(mallory.error(mallory.client.request(new ClientFrame.CreateConversation(other, group.groupInfo(), ""), Peer.T)).code())
        .isEqualTo(ErrorCode.CONV_ID_MISMATCH);
    assertThat(alice.summary(conv).headSeq()).isZero();
    assertThat(mallory.summary(conv)).isNull();
    alice.close();
    mallory.close();
  }

  @Test
  @DisplayName("SEQ-2 a resent msg_id returns the original seq with duplicate=true and is not delivered twice; other bytes conflict")
  void resentMsgIdIsNotDuplicated() throws Exception {
    Pair p = pair(gw);
    byte[] message = p.aliceGroup().protect("only once");
    MsgId msgId = new MsgId(MlsDevice.random(16));
    ServerFrame.Sent first = (ServerFrame.Sent) p.alice().send(p.conv(), msgId, message, null, null).frame();
    ServerFrame.Sent again = (ServerFrame.Sent) p.alice().send(p.conv(), msgId, message, null, null).frame();
    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.seq()).isEqualTo(first.seq());
    ServerMessage conflict = p.alice().send(p.conv(), msgId, p.aliceGroup().protect("other bytes"), null, null);
    assertThat(p.alice().error(conflict).code()).isEqualTo(ErrorCode.MSG_ID_CONFLICT);
    ServerFrame.Sent next = p.alice().sent(p.conv(), p.aliceGroup().protect("next"));
    assertThat(next.seq()).isEqualTo(first.seq() + 1);
    assertThat(p.bob().deliver(p.conv()).seq()).isEqualTo(first.seq());
    assertThat(p.bob().deliver(p.conv()).seq()).as("the resend was not delivered").isEqualTo(next.seq());
    p.alice().close();
    p.bob().close();
  }

  @Test
  @DisplayName("SES-2 MLS-5 a non-member can neither read, post, ack nor fetch the GroupInfo of a conversation")
  void nonMemberCannotReadOrPost() throws Exception {
    Pair p = pair(gw);
    Peer carol = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    ServerMessage post = carol.send(p.conv(), p.aliceGroup().protect("forged?"));
    assertThat(carol.error(post).code()).isEqualTo(ErrorCode.NOT_A_MEMBER);
    ServerMessage gi = carol.client.request(new ClientFrame.GetGroupInfo(p.conv()), Peer.T);
    assertThat(carol.error(gi).code()).isEqualTo(ErrorCode.NOT_A_MEMBER);
    ServerMessage ack = carol.client.request(new ClientFrame.Ack(List.of(new ClientFrame.Cursor(p.conv(), 1))), Peer.T);
    assertThat(carol.error(ack).code()).isEqualTo(ErrorCode.NOT_A_MEMBER);
    long seq = p.alice().sent(p.conv(), p.aliceGroup().protect("members only")).seq();
    assertThat(p.bob().deliver(p.conv()).seq()).isEqualTo(seq);
    assertThat(carol.client.call(new Ping(77), Pong.class, Peer.T).nonce()).isEqualTo(77);
    assertThat(carol.client.pending()).noneMatch(m -> m.frame() instanceof ServerFrame.Deliver);
    assertThat(carol.summary(p.conv())).isNull();
    p.alice().close();
    p.bob().close();
    carol.close();
  }
}
