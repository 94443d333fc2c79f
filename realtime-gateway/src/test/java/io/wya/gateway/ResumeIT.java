package io.wya.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.ConversationFlowIT.Pair;
import io.wya.gateway.client.GatewayClient;
import io.wya.gateway.client.GatewayClient.Transport;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.CloseCode;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.RetryPolicy;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.ServerMessage;
import io.wya.gateway.testing.MlsDevice;
import io.wya.gateway.testing.Peer;
import io.wya.gateway.testing.TestGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/// Connections cut mid-stream, resumed from the ack cursor on WebSocket and SSE; resume tokens;
/// one session per device; acks made durable.
class ResumeIT {
  private static TestGateway gw;

  @BeforeAll
  static void start() {
    gw = TestGateway.start("resume", Map.of("GATEWAY_ACK_FLUSH_INTERVAL", "50ms"));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  @DisplayName("DLV-4 DLV-5 DLV-3 a connection killed mid-stream resumes from the ack cursor: nothing lost, order kept, repeats only after the cursor")
  void killMidStreamAndResume(Transport transport) throws Exception {
    Pair p = ConversationFlowIT.pair(gw);
    Peer bob = Peer.login(gw, p.bob().device, transport).caughtUp();
    p.bob().client.awaitClosed(Peer.T);
    int total = 60;
    List<Long> sent = new ArrayList<>();
    for (int i = 0; i < total / 2; i++) sent.add(p.alice().sent(p.conv(), p.aliceGroup().protect("m" + i)).seq());
    List<Long> firstSession = new ArrayList<>();
    for (int i = 0; i < 10; i++) firstSession.add(bob.deliver(p.conv()).seq());
    long acked = firstSession.get(6);
    bob.ack(p.conv(), acked);
    bob.client.kill();
    for (int i = total / 2; i < total; i++) sent.add(p.alice().sent(p.conv(), p.aliceGroup().protect("m" + i)).seq());

    Peer again = new Peer(bob.device, gw.connect(transport), null);
    again.ready = again.client.resume(bob.ready.resumeToken(), Peer.T);
    assertThat(again.ready.deviceRegistered()).isFalse();
    List<Long> secondSession = new ArrayList<>();
    while (secondSession.isEmpty() || secondSession.getLast() < sent.getLast()) {
      ServerMessage m = again.client.take(x -> x.frame() instanceof ServerFrame.Deliver || x.frame() instanceof ServerFrame.CaughtUp, Peer.T);
      if (m.frame() instanceof ServerFrame.Deliver d) secondSession.add(d.seq());
    }
    assertThat(secondSession).isSorted().doesNotHaveDuplicates();
    assertThat(secondSession.getFirst()).as("the backlog starts after the acked cursor, or earlier (at least once)")
        .isLessThanOrEqualTo(acked + 1);
    TreeSet<Long> seen = new TreeSet<>(firstSession);
    seen.addAll(secondSession);
    assertThat(seen).as("nothing lost").containsAll(sent);
    assertThat(secondSession).as("no gap in the resumed stream").hasSize((int) (sent.getLast() - secondSession.getFirst() + 1));
    again.close();
    p.alice().close();
  }

  @Test
  @DisplayName("AUTH-5 AUTH-6 a resume token works once on any connection; a used or unknown one is RESUME_TOKEN_INVALID and the connection stays open")
  void resumeTokensAreSingleUse() throws Exception {
    MlsDevice device = MlsDevice.newUser();
    Peer first = Peer.login(gw, device).caughtUp();
    byte[] token = first.ready.resumeToken();
    assertThat(token).hasSize(32);
    assertThat(first.ready.resumeTokenTtlMs()).isEqualTo(gw.config().sessions().resumeTokenTtl().toMillis());
    assertThat(first.ready.deviceRegistered()).isTrue();
    first.client.kill();
    GatewayClient second = gw.connect(Transport.WEBSOCKET);
    ServerFrame.Ready resumed = second.resume(token, Peer.T);
    assertThat(resumed.device()).isEqualTo(device.key());
    assertThat(resumed.resumeToken()).isNotEqualTo(token);
    second.kill();
    GatewayClient third = gw.connect(Transport.WEBSOCKET);
    ServerMessage reused = third.request(new ClientFrame.Resume(token), Peer.T);
    assertThat(((ServerFrame.Error) reused.frame()).code()).isEqualTo(ErrorCode.RESUME_TOKEN_INVALID);
    ServerMessage unknown = third.request(new ClientFrame.Resume(MlsDevice.random(32)), Peer.T);
    assertThat(((ServerFrame.Error) unknown.frame()).code()).isEqualTo(ErrorCode.RESUME_TOKEN_INVALID);
    assertThat(third.isOpen()).isTrue();
    assertThat(third.authenticate(device.key(), device.signer(), Peer.T).deviceRegistered()).isFalse();
    third.close();
  }

  @Test
  @DisplayName("SES-1 CLOSE-1 a second login of a device closes the older session with Closing(SESSION_REPLACED) then 4004")
  void newerSessionReplacesOlder() throws Exception {
    MlsDevice device = MlsDevice.newUser();
    Peer older = Peer.login(gw, device).caughtUp();
    Peer newer = Peer.login(gw, device).caughtUp();
    ServerFrame.Closing closing = older.client.next(ServerFrame.Closing.class, Peer.T);
    assertThat(closing.code()).isEqualTo(CloseCode.SESSION_REPLACED);
    assertThat(closing.retry()).isEqualTo(RetryPolicy.DO_NOT_RECONNECT);
    assertThat(older.client.awaitClosed(Peer.T).code()).isEqualTo(4004);
    assertThat(newer.client.isOpen()).isTrue();
    newer.close();
  }

  @Test
  @DisplayName("ACK-1 acks are cumulative and durable within the flush interval and when the session ends")
  void acksAreCumulativeAndDurable() throws Exception {
    Pair p = ConversationFlowIT.pair(gw);
    ConvId conv = p.conv();
    for (int i = 0; i < 4; i++) p.alice().sent(conv, p.aliceGroup().protect("x" + i));
    for (int i = 0; i < 4; i++) p.bob().deliver(conv);
    String acked = "select acked_seq from members where conv_id = ? and user_id = ? and device_id = ?";
    Object[] key = {conv.bytes(), p.bob().device.key().user().bytes(), p.bob().device.key().device().bytes()};
    p.bob().ack(conv, 4);
    gw.awaitQuery(4L, acked, key);
    p.bob().ack(conv, 2);
    assertThat(p.bob().summary(conv).ackedSeq()).as("a lower ack changes nothing").isEqualTo(4);
    p.bob().client.send(0, new ClientFrame.Ack(List.of(new ClientFrame.Cursor(conv, 5))));
    p.bob().close();
    gw.awaitQuery(5L, acked, key);
    p.alice().close();
  }
}
