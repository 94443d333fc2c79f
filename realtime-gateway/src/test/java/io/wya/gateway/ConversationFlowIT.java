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
  @DisplayName("SES-2 MLS-5 GI-1 a non-member can neither read, post, ack nor fetch the GroupInfo; a new device of a member user can fetch it")
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
    Peer aliceSecond = Peer.login(gw, p.alice().device.anotherDevice()).caughtUp();
    ServerFrame.GroupInfo forRejoin = aliceSecond.client.call(new ClientFrame.GetGroupInfo(p.conv()), ServerFrame.GroupInfo.class, Peer.T);
    assertThat(forRejoin.epoch()).isEqualTo(1);
    aliceSecond.close();
    p.alice().close();
    p.bob().close();
    carol.close();
  }

  /// Ping barrier: once the Pong is back, everything dispatched to `peer` before was written.
  static void barrier(Peer peer) throws Exception {
    long nonce = System.nanoTime();
    assertThat(peer.client.call(new Ping(nonce), Pong.class, Peer.T).nonce()).isEqualTo(nonce);
  }

  @Test
  @DisplayName("EPOCH-2 COMMIT-3 of two Commits racing for one epoch exactly one wins; the loser's Welcome reaches nobody and it wins after processing the winner")
  void racingCommitsExactlyOneWins() throws Exception {
    Pair p = pair(gw);
    Peer carol = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    Peer dave = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    carol.upload(2);
    dave.upload(2);
    MlsGroup.Bundle byAlice = p.aliceGroup().commitAdd(List.of(p.alice().claimOne(carol.device)));
    MlsGroup.Bundle byBob = p.bobGroup().commitAdd(List.of(p.bob().claimOne(dave.device)));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.Future<ServerMessage> a = pool.submit(() -> {
      go.await();
      return p.alice().send(p.conv(), new MsgId(MlsDevice.random(16)), byAlice.commit(), byAlice.welcome(), byAlice.groupInfo());
    });
    java.util.concurrent.Future<ServerMessage> b = pool.submit(() -> {
      go.await();
      return p.bob().send(p.conv(), new MsgId(MlsDevice.random(16)), byBob.commit(), byBob.welcome(), byBob.groupInfo());
    });
    go.countDown();
    ServerFrame ra = a.get().frame();
    ServerFrame rb = b.get().frame();
    pool.shutdown();
    assertThat(List.of(ra, rb)).filteredOn(f -> f instanceof ServerFrame.Sent).hasSize(1);
    boolean aliceWon = ra instanceof ServerFrame.Sent;
    ServerFrame.Error lost = (ServerFrame.Error) (aliceWon ? rb : ra);
    assertThat(lost.code()).isEqualTo(ErrorCode.STALE_EPOCH);
    assertThat(lost.currentEpoch()).hasValue(2);
    assertThat(lost.retryable()).isTrue();

    Peer winner = aliceWon ? p.alice() : p.bob();
    Peer loser = aliceWon ? p.bob() : p.alice();
    MlsGroup winnerGroup = aliceWon ? p.aliceGroup() : p.bobGroup();
    MlsGroup loserGroup = aliceWon ? p.bobGroup() : p.aliceGroup();
    Peer added = aliceWon ? carol : dave;
    Peer notAdded = aliceWon ? dave : carol;
    MlsGroup.Bundle winning = aliceWon ? byAlice : byBob;
    winner.deliver(p.conv(), EntryKind.COMMIT);
    winnerGroup.applyOwnCommit();
    ServerFrame.Deliver seen = loser.deliver(p.conv(), EntryKind.COMMIT);
    assertThat(seen.mlsMessage()).isEqualTo(winning.commit());
    loserGroup.discardPending();
    loserGroup.handleCommit(seen.mlsMessage());
    MlsGroup addedGroup = added.device.join(added.deliver(p.conv(), EntryKind.WELCOME).mlsMessage());
    barrier(notAdded);
    assertThat(notAdded.client.pending()).as("the losing Commit's Welcome reached nobody (COMMIT-3)")
        .noneMatch(m -> m.frame() instanceof ServerFrame.Deliver);

    MlsGroup.Bundle retry = loserGroup.commitAdd(List.of(loser.claimOne(notAdded.device)));
    assertThat(loser.commit(p.conv(), retry).epoch()).isEqualTo(3);
    loser.deliver(p.conv(), EntryKind.COMMIT);
    loserGroup.applyOwnCommit();
    winnerGroup.handleCommit(winner.deliver(p.conv(), EntryKind.COMMIT).mlsMessage());
    addedGroup.handleCommit(added.deliver(p.conv(), EntryKind.COMMIT).mlsMessage());
    MlsGroup lateGroup = notAdded.device.join(notAdded.deliver(p.conv(), EntryKind.WELCOME).mlsMessage());
    winner.sent(p.conv(), winnerGroup.protect("all four of us"));
    for (MlsGroup g : List.of(loserGroup, addedGroup, lateGroup)) {
      Peer reader = g == loserGroup ? loser : g == addedGroup ? added : notAdded;
      assertThat(g.unprotect(reader.deliver(p.conv(), EntryKind.APPLICATION).mlsMessage())).isEqualTo("all four of us");
    }
    for (Peer peer : List.of(p.alice(), p.bob(), carol, dave)) peer.close();
  }

  @Test
  @DisplayName("SEQ-1 SEQ-3 DLV-1 concurrent senders get gap-free seqs and every member receives them in strictly increasing order")
  void concurrentSendersGetGapFreeSeqs() throws Exception {
    Pair p = pair(gw);
    int each = 30;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.concurrent.Future<List<Long>> fa = pool.submit(() -> sendMany(p.alice(), p.aliceGroup(), p.conv(), each));
    java.util.concurrent.Future<List<Long>> fb = pool.submit(() -> sendMany(p.bob(), p.bobGroup(), p.conv(), each));
    List<Long> seqs = new java.util.ArrayList<>(fa.get());
    seqs.addAll(fb.get());
    pool.shutdown();
    seqs.sort(null);
    assertThat(seqs).hasSize(2 * each).doesNotHaveDuplicates();
    assertThat(seqs.getLast() - seqs.getFirst()).as("no gap").isEqualTo(2 * each - 1);
    assertThat(seqs.getFirst()).isEqualTo(2);
    for (Peer reader : List.of(p.alice(), p.bob())) {
      long previous = 1;
      for (int i = 0; i < 2 * each; i++) {
        long seq = reader.deliver(p.conv()).seq();
        assertThat(seq).isEqualTo(previous + 1);
        previous = seq;
      }
    }
    p.alice().close();
    p.bob().close();
  }

  private static List<Long> sendMany(Peer peer, MlsGroup group, ConvId conv, int n) throws Exception {
    List<Long> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) out.add(peer.sent(conv, group.protect(peer.device + " #" + i)).seq());
    return out;
  }

  @Test
  @DisplayName("MBR-4 ACK-2 a removed device receives the Commit that removes it and nothing after; it can no longer send or ack past it")
  void removedDeviceStopsReading() throws Exception {
    Pair p = pair(gw);
    Peer carol = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    carol.upload(1);
    MlsGroup.Bundle add = p.aliceGroup().commitAdd(List.of(p.alice().claimOne(carol.device)));
    p.alice().commit(p.conv(), add);
    p.aliceGroup().applyOwnCommit();
    p.bobGroup().handleCommit(p.bob().deliver(p.conv(), EntryKind.COMMIT).mlsMessage());
    MlsGroup carolGroup = carol.device.join(carol.deliver(p.conv(), EntryKind.WELCOME).mlsMessage());
    assertThat(carolGroup.leaf()).isEqualTo(2);

    MlsGroup.Bundle remove = p.aliceGroup().commitRemove(2);
    long removedAt = p.alice().commit(p.conv(), remove).seq();
    p.aliceGroup().applyOwnCommit();
    ServerFrame.Deliver last = carol.deliver(p.conv(), EntryKind.COMMIT);
    assertThat(last.seq()).isEqualTo(removedAt);
    p.bobGroup().handleCommit(p.bob().deliver(p.conv(), EntryKind.COMMIT).mlsMessage());
    long after = p.alice().sent(p.conv(), p.aliceGroup().protect("carol is gone")).seq();
    assertThat(p.bobGroup().unprotect(p.bob().deliver(p.conv()).mlsMessage())).isEqualTo("carol is gone");
    barrier(carol);
    assertThat(carol.client.pending()).noneMatch(m -> m.frame() instanceof ServerFrame.Deliver);
    assertThat(carol.error(carol.send(p.conv(), carolGroup.protect("still here?"))).code()).isEqualTo(ErrorCode.NOT_A_MEMBER);
    ServerMessage beyond = carol.client.request(new ClientFrame.Ack(List.of(new ClientFrame.Cursor(p.conv(), after))), Peer.T);
    assertThat(carol.error(beyond).code()).isEqualTo(ErrorCode.ACK_BEYOND_HEAD);
    carol.ack(p.conv(), removedAt);
    ServerFrame.ConversationSummary summary = carol.summary(p.conv());
    assertThat(summary.active()).isFalse();
    assertThat(summary.ackedSeq()).isEqualTo(removedAt);
    assertThat(carol.error(carol.client.request(new ClientFrame.GetGroupInfo(p.conv()), Peer.T)).code()).isEqualTo(ErrorCode.NOT_A_MEMBER);
    for (Peer peer : List.of(p.alice(), p.bob(), carol)) peer.close();
  }

  @Test
  @DisplayName("RESET-1 a reset closes the conversation with a RESET entry naming the successor; later Sends are CONVERSATION_CLOSED")
  void resetClosesAndNamesTheSuccessor() throws Exception {
    Pair p = pair(gw);
    MlsGroup successorGroup = p.alice().device.createGroup(MlsDevice.random(32));
    ConvId successor = new ConvId(successorGroup.groupId());
    ServerFrame.ConversationCreated created = p.alice().client.call(new ClientFrame.ResetConversation(p.conv(),
        successorGroup.groupInfo()), ServerFrame.ConversationCreated.class, Peer.T);
    assertThat(created.convId()).isEqualTo(successor);
    assertThat(created.epoch()).isZero();
    for (Peer peer : List.of(p.alice(), p.bob())) {
      ServerFrame.Deliver reset = peer.deliver(p.conv(), EntryKind.RESET);
      assertThat(reset.successor()).isEqualTo(successor);
    }
    ServerFrame.Error closed = p.bob().error(p.bob().send(p.conv(), p.bobGroup().protect("hello?")));
    assertThat(closed.code()).isEqualTo(ErrorCode.CONVERSATION_CLOSED);
    assertThat(closed.successorConvId()).isEqualTo(successor.bytes());
    assertThat(p.bob().summary(p.conv()).successor()).isEqualTo(successor);
    p.bob().upload(1);
    MlsGroup.Bundle readd = successorGroup.commitAdd(List.of(p.alice().claimOne(p.bob().device)));
    p.alice().commit(successor, readd);
    successorGroup.applyOwnCommit();
    MlsGroup bobAgain = p.bob().device.join(p.bob().deliver(successor, EntryKind.WELCOME).mlsMessage());
    p.alice().sent(successor, successorGroup.protect("fresh start"));
    assertThat(bobAgain.unprotect(p.bob().deliver(successor, EntryKind.APPLICATION).mlsMessage())).isEqualTo("fresh start");
    p.alice().close();
    p.bob().close();
  }

  @Test
  @DisplayName("EPOCH-3 COMMIT-4 a proposal is kept for its epoch and a Commit may add by reference to it")
  void commitByReferenceToAPendingProposal() throws Exception {
    Pair p = pair(gw);
    Peer dave = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    dave.upload(1);
    byte[] proposal = p.bobGroup().proposeAdd(p.bob().claimOne(dave.device));
    ServerFrame.Sent proposed = p.bob().sent(p.conv(), proposal);
    assertThat(proposed.epoch()).as("a proposal does not end the epoch").isEqualTo(1);
    p.bobGroup().handleProposal(p.bob().deliver(p.conv(), EntryKind.PROPOSAL).mlsMessage());
    p.aliceGroup().handleProposal(p.alice().deliver(p.conv(), EntryKind.PROPOSAL).mlsMessage());
    MlsGroup.Bundle commit = p.aliceGroup().commitPending();
    assertThat(p.alice().commit(p.conv(), commit).epoch()).isEqualTo(2);
    p.aliceGroup().applyOwnCommit();
    p.bobGroup().handleCommit(p.bob().deliver(p.conv(), EntryKind.COMMIT).mlsMessage());
    MlsGroup daveGroup = dave.device.join(dave.deliver(p.conv(), EntryKind.WELCOME).mlsMessage());
    p.bob().sent(p.conv(), p.bobGroup().protect("welcome dave"));
    assertThat(daveGroup.unprotect(dave.deliver(p.conv(), EntryKind.APPLICATION).mlsMessage())).isEqualTo("welcome dave");
    for (Peer peer : List.of(p.alice(), p.bob(), dave)) peer.close();
  }

  @Test
  @DisplayName("MBR-5 a new device of a member user joins by external Commit from GetGroupInfo, and reads from its join on")
  void externalJoinByANewDeviceOfAMember() throws Exception {
    Pair p = pair(gw);
    Peer second = Peer.login(gw, p.alice().device.anotherDevice()).caughtUp();
    ServerFrame.GroupInfo gi = second.client.call(new ClientFrame.GetGroupInfo(p.conv()), ServerFrame.GroupInfo.class, Peer.T);
    MlsDevice.ExternalJoin join = second.device.externalJoin(gi.groupInfo());
    ServerFrame.Sent joined = second.commit(p.conv(), new MlsGroup.Bundle(join.commit(), null, join.groupInfo()));
    assertThat(joined.epoch()).isEqualTo(2);
    assertThat(second.deliver(p.conv(), EntryKind.COMMIT).seq()).as("its own Commit opens its window").isEqualTo(joined.seq());
    p.aliceGroup().handleCommit(p.alice().deliver(p.conv(), EntryKind.COMMIT).mlsMessage());
    p.bobGroup().handleCommit(p.bob().deliver(p.conv(), EntryKind.COMMIT).mlsMessage());
    p.bob().sent(p.conv(), p.bobGroup().protect("hello, new device"));
    assertThat(join.group().unprotect(second.deliver(p.conv(), EntryKind.APPLICATION).mlsMessage())).isEqualTo("hello, new device");
    Peer stranger = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    MlsDevice.ExternalJoin intrusion = stranger.device.externalJoin(gi.groupInfo());
    ServerMessage refused = stranger.send(p.conv(), new MsgId(MlsDevice.random(16)), intrusion.commit(), null, intrusion.groupInfo());
    assertThat(stranger.error(refused).code()).isIn(ErrorCode.MEMBERSHIP_CHANGE_REJECTED, ErrorCode.STALE_EPOCH);
    for (Peer peer : List.of(p.alice(), p.bob(), second, stranger)) peer.close();
  }

  @Test
  @DisplayName("SEQ-1 SEQ-3 application Sends pipelined by one device keep their order; a Commit sent after them waits for them")
  void pipelinedSendsKeepTheirOrder() throws Exception {
    Pair p = pair(gw);
    int n = 20;
    for (int i = 1; i <= n; i++) {
      p.alice().client.send(1000 + i, new ClientFrame.Send(p.conv(), new MsgId(MlsDevice.random(16)), p.aliceGroup().protect("p" + i),
          new byte[0], new byte[0], ""));
    }
    MlsGroup.Bundle update = p.aliceGroup().commitUpdate();
    p.alice().client.send(2000, new ClientFrame.Send(p.conv(), new MsgId(MlsDevice.random(16)), update.commit(), new byte[0],
        update.groupInfo(), ""));
    long previous = 1;
    for (int i = 1; i <= n; i++) {
      int id = 1000 + i;
      ServerFrame.Sent sent = (ServerFrame.Sent) p.alice().client.take(m -> m.requestId() == id, Peer.T).frame();
      assertThat(sent.seq()).as("request " + i).isEqualTo(previous + 1);
      previous = sent.seq();
    }
    ServerFrame.Sent commit = (ServerFrame.Sent) p.alice().client.take(m -> m.requestId() == 2000, Peer.T).frame();
    assertThat(commit.seq()).isEqualTo(previous + 1);
    assertThat(commit.epoch()).isEqualTo(2);
    for (int i = 1; i <= n; i++) assertThat(p.bobGroup().unprotect(p.bob().deliver(p.conv()).mlsMessage())).isEqualTo("p" + i);
    p.alice().close();
    p.bob().close();
  }
}
