package io.wya.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.ConversationFlowIT.Pair;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.testing.Peer;
import io.wya.gateway.testing.TestClock;
import io.wya.gateway.testing.TestGateway;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// Retention (GATEWAY_SPEC §8.5) with the gateway's clock moved by the test.
class RetentionIT {
  private static final TestClock CLOCK = TestClock.following();
  private static TestGateway gw;

  @BeforeAll
  static void start() {
    gw = TestGateway.start("retention", Map.of("GATEWAY_RETENTION_MIN_AGE", "1h", "GATEWAY_RETENTION_MAX_AGE", "30d",
        "GATEWAY_ACK_FLUSH_INTERVAL", "20ms"), CLOCK);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static long entries(ConvId conv) {
    return (Long) gw.query("select count(*) from entries where conv_id = ?", (Object) conv.bytes());
  }

  private static int prune() throws Exception {
    return gw.gateway().prune().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("RET-1 an entry is pruned once every member device in its window acked it and it is older than the minimum age, never before")
  void prunesWhatEveryoneAcked() throws Exception {
    Pair p = ConversationFlowIT.pair(gw);
    for (int i = 0; i < 3; i++) p.alice().sent(p.conv(), p.aliceGroup().protect("m" + i));
    for (int i = 0; i < 3; i++) p.bob().deliver(p.conv());
    for (int i = 0; i < 3; i++) p.alice().deliver(p.conv());
    p.alice().ack(p.conv(), 4);
    p.bob().ack(p.conv(), 2);
    p.alice().close();
    p.bob().close();
    String acked = "select min(acked_seq) from members where conv_id = ?";
    gw.awaitQuery(2L, acked, (Object) p.conv().bytes());
    gw.awaitQuery(4L, "select max(acked_seq) from members where conv_id = ?", (Object) p.conv().bytes());
    prune();
    assertThat(entries(p.conv())).as("younger than the minimum age").isEqualTo(4);
    CLOCK.advance(Duration.ofHours(2));
    try {
      prune();
      assertThat(entries(p.conv())).as("seqs 1-2 acked by both are gone, 3-4 wait for bob").isEqualTo(2);
      assertThat(gw.query("select min(seq) from entries where conv_id = ?", (Object) p.conv().bytes())).isEqualTo(3L);
    } finally {
      CLOCK.advance(Duration.ofHours(-2));
    }
  }

  @Test
  @DisplayName("RET-2 entries older than the maximum age are pruned unacked; the device's backlog then starts with a HistoryGap")
  void maxAgeLeavesAHistoryGap() throws Exception {
    Pair p = ConversationFlowIT.pair(gw);
    for (int i = 0; i < 3; i++) p.alice().sent(p.conv(), p.aliceGroup().protect("old" + i));
    p.bob().ack(p.conv(), 1);
    gw.awaitQuery(1L, "select acked_seq from members where conv_id = ? and user_id = ?", p.conv().bytes(),
        p.bob().device.key().user().bytes());
    p.alice().close();
    p.bob().close();
    CLOCK.advance(Duration.ofDays(31));
    try {
      assertThat(prune()).isGreaterThanOrEqualTo(4);
      assertThat(entries(p.conv())).isZero();
      Peer alice = Peer.login(gw, p.alice().device).caughtUp();
      long fresh = alice.sent(p.conv(), p.aliceGroup().protect("new")).seq();
      assertThat(fresh).isEqualTo(5);
      Peer bob = Peer.login(gw, p.bob().device);
      ServerFrame.HistoryGap gap = bob.client.next(ServerFrame.HistoryGap.class, Peer.T);
      assertThat(gap.convId()).isEqualTo(p.conv());
      assertThat(gap.fromSeq()).isEqualTo(2);
      assertThat(gap.toSeq()).isEqualTo(4);
      ServerFrame.Deliver next = bob.deliver(p.conv(), EntryKind.APPLICATION);
      assertThat(next.seq()).isEqualTo(5);
      assertThat(p.bobGroup().unprotect(next.mlsMessage())).isEqualTo("new");
      alice.close();
      bob.close();
    } finally {
      CLOCK.advance(Duration.ofDays(-31));
    }
  }
}
