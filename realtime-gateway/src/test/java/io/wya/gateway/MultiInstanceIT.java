package io.wya.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.ConversationFlowIT.Pair;
import io.wya.gateway.client.GatewayClient;
import io.wya.gateway.client.GatewayClient.Transport;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.CloseCode;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.FrameCodec;
import io.wya.gateway.protocol.Ping;
import io.wya.gateway.protocol.Pong;
import io.wya.gateway.protocol.RetryPolicy;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.testing.MlsDevice;
import io.wya.gateway.testing.MlsGroup;
import io.wya.gateway.testing.Peer;
import io.wya.gateway.testing.TestGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// Two instances of one deployment (two Vert.x instances with their own ports, event loops and
/// Redis connections) sharing PostgreSQL and Redis, as behind one hostname.
class MultiInstanceIT {
  private static TestGateway a;
  private static TestGateway b;

  @BeforeAll
  static void start() {
    a = TestGateway.start("multi", Map.of("GATEWAY_EVENT_LOOPS", "2"));
    b = a.sibling(Map.of());
  }

  @AfterAll
  static void stop() {
    b.close();
    a.close();
  }

  @Test
  @DisplayName("MULTI-1 SEQ-1 entries accepted by either instance reach the members on the other, gap-free and in seq order")
  void deliveryAcrossInstances() throws Exception {
    Peer alice = Peer.login(a, MlsDevice.newUser()).caughtUp();
    Peer bob = Peer.login(b, MlsDevice.newUser()).caughtUp();
    bob.upload(1);
    MlsGroup aliceGroup = alice.device.createGroup(MlsDevice.random(32));
    ConvId conv = alice.create(aliceGroup);
    alice.commit(conv, aliceGroup.commitAdd(List.of(alice.claimOne(bob.device))));
    alice.deliver(conv, EntryKind.COMMIT);
    aliceGroup.applyOwnCommit();
    MlsGroup bobGroup = bob.device.join(bob.deliver(conv, EntryKind.WELCOME).mlsMessage());
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Future<List<Long>> fa = pool.submit(() -> send(alice, aliceGroup, conv, each));
    Future<List<Long>> fb = pool.submit(() -> send(bob, bobGroup, conv, each));
    List<Long> byAlice = fa.get();
    List<Long> byBob = fb.get();
    pool.shutdown();
    List<Long> seqs = new ArrayList<>(byAlice);
    seqs.addAll(byBob);
    seqs.sort(null);
    assertThat(seqs).doesNotHaveDuplicates().hasSize(2 * each);
    assertThat(seqs.getLast() - seqs.getFirst()).isEqualTo(2 * each - 1);
    for (Peer reader : List.of(alice, bob)) {
      MlsGroup g = reader == alice ? aliceGroup : bobGroup;
      List<Long> fromOther = reader == alice ? byBob : byAlice;
      Peer other = reader == alice ? bob : alice;
      long expected = 2;
      int decrypted = 0;
      for (int i = 0; i < 2 * each; i++) {
        ServerFrame.Deliver d = reader.deliver(conv);
        assertThat(d.seq()).isEqualTo(expected++);
        if (fromOther.contains(d.seq())) {
          assertThat(g.unprotect(d.mlsMessage())).startsWith(other.device + ":");
          decrypted++;
        }
      }
      assertThat(decrypted).as("every message of the other instance's member arrived and decrypts").isEqualTo(each);
    }
    alice.close();
    bob.close();
  }

  private static List<Long> send(Peer peer, MlsGroup group, ConvId conv, int n) throws Exception {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(peer.sent(conv, group.protect(peer.device + ":" + i)).seq());
    return out;
  }

  @Test
  @DisplayName("MULTI-2 an SSE POST that reaches the other instance is routed to the instance holding the stream")
  void ssePostsAreRouted() throws Exception {
    GatewayClient stream = a.connect(Transport.SSE);
    String streamId = stream.challenge().streamId();
    java.net.http.HttpResponse<Void> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
        .newBuilder(java.net.URI.create(b.base() + "/v1/sse/" + streamId)).header("Content-Type", "application/x-protobuf")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(FrameCodec.encodeClient(8, new Ping(808)))).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(stream.next(Pong.class, Peer.T).nonce()).isEqualTo(808);
    MlsDevice d = MlsDevice.newUser();
    assertThat(stream.authenticate(d.key(), d.signer(), Peer.T).device()).isEqualTo(d.key());
    stream.close();
  }

  @Test
  @DisplayName("SES-1 a login on one instance closes the device's older session on the other with SESSION_REPLACED")
  void oneSessionPerDeviceAcrossInstances() throws Exception {
    MlsDevice d = MlsDevice.newUser();
    Peer onA = Peer.login(a, d).caughtUp();
    Peer onB = Peer.login(b, d).caughtUp();
    assertThat(onA.client.next(ServerFrame.Closing.class, Peer.T).code()).isEqualTo(CloseCode.SESSION_REPLACED);
    assertThat(onA.client.awaitClosed(Peer.T).code()).isEqualTo(4004);
    assertThat(onB.client.call(new Ping(1), Pong.class, Peer.T).nonce()).isEqualTo(1);
    onB.close();
  }

  @Test
  @DisplayName("KP-10 a device low at login is told right after Ready; a claim on another instance that leaves it low pushes KeyPackagesLow there")
  void lowPoolSignalAcrossInstances() throws Exception {
    Peer bob = Peer.login(b, MlsDevice.newUser());
    ServerFrame.KeyPackagesLow atLogin = bob.client.next(ServerFrame.KeyPackagesLow.class, Peer.T);
    assertThat(atLogin.oneTimeCount()).isZero();
    bob.caughtUp();
    bob.upload(2);
    Peer alice = Peer.login(a, MlsDevice.newUser()).caughtUp();
    alice.claimOne(bob.device);
    ServerFrame.KeyPackagesLow low = bob.client.next(ServerFrame.KeyPackagesLow.class, Peer.T);
    assertThat(low.cipherSuite()).isEqualTo(1);
    assertThat(low.oneTimeCount()).isEqualTo(1);
    assertThat(low.lowWatermark()).isEqualTo(10);
    alice.close();
    bob.close();
  }

  @Test
  @DisplayName("CLOSE-2 a stopping instance flushes acks, then closes its sessions with Closing(GOING_AWAY) and 1001")
  void stopFlushesAcksAndSaysGoingAway() throws Exception {
    Pair p = ConversationFlowIT.pair(a);
    p.alice().sent(p.conv(), p.aliceGroup().protect("before the stop"));
    p.bob().deliver(p.conv());
    TestGateway leaving = a.sibling(Map.of("GATEWAY_ACK_FLUSH_INTERVAL", "1m"));
    Peer bob = Peer.login(leaving, p.bob().device).caughtUp();
    bob.ack(p.conv(), 2);
    leaving.close();
    ServerFrame.Closing closing = bob.client.next(ServerFrame.Closing.class, Peer.T);
    assertThat(closing.code()).isEqualTo(CloseCode.GOING_AWAY);
    assertThat(closing.retry()).isEqualTo(RetryPolicy.RECONNECT_WITH_BACKOFF);
    assertThat(bob.client.awaitClosed(Peer.T).code()).isEqualTo(1001);
    assertThat(a.query("select acked_seq from members where conv_id = ? and user_id = ? and device_id = ?", p.conv().bytes(),
        bob.device.key().user().bytes(), bob.device.key().device().bytes())).isEqualTo(2L);
    p.alice().close();
  }
}
