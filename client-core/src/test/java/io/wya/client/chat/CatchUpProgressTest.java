package io.wya.client.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.client.Progress;
import io.wya.client.gateway.Backoff;
import io.wya.client.gateway.FakeGateway;
import io.wya.client.gateway.GatewayConnection;
import io.wya.client.identity.Identity;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ClientMessage;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.SigningKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CatchUpProgressTest {
  @Test void theBacklogIsTheSumOfHeadMinusCursorAndEachDeliveryCounts() throws Exception {
    SecureRandom random = new SecureRandom();
    Identity me = new Identity(SigningKey.generate(random), ProcessId.random(random), new DeviceId(new byte[16]));
    List<String> calls = new CopyOnWriteArrayList<>();
    CatchUpProgress progress = new CatchUpProgress(new Progress() {
      @Override public void begin(String task, long total) { calls.add("begin " + total); }

      @Override public void advance(long amount) { calls.add("+" + amount); }

      @Override public void end() { calls.add("end"); }
    });
    FakeGateway gateway = new FakeGateway();
    GatewayConnection connection = new GatewayConnection(gateway, me, new Backoff(new Random(1), Duration.ofMillis(1), Duration.ofMillis(2)),
        Clock.systemUTC(), progress, "test", Duration.ofSeconds(10));
    progress.attach(connection);
    try {
      connection.start();
      FakeGateway.Conn c = gateway.next();
      c.ready(me);
      ConvId a = new ConvId(new byte[16]);
      ConvId b = new ConvId(new byte[20]);
      c.push(0, deliver(a, 3));
      ClientMessage list = c.take();
      assertThat(list.frame()).isInstanceOf(ClientFrame.ListConversations.class);
      c.push(list.requestId(), new ServerFrame.Conversations(List.of(
          new ServerFrame.ConversationSummary(a, 0, 5, 2, "gw", null, true),
          new ServerFrame.ConversationSummary(b, 0, 1, 1, "gw", null, true))));
      c.push(0, deliver(a, 4));
      c.push(0, deliver(a, 5));
      c.push(0, new ServerFrame.CaughtUp(2));
      connection.awaitCaughtUp().get(5, TimeUnit.SECONDS);
      c.push(0, deliver(a, 6));
      java.util.concurrent.CountDownLatch drained = new java.util.concurrent.CountDownLatch(1);
      connection.onEventThread(drained::countDown);   // runs after the frame above was handled
      assertThat(drained.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(calls).containsExactly("begin 3", "+1", "+1", "+1", "end");
    } finally {
      connection.close();
    }
  }

  private static ServerFrame.Deliver deliver(ConvId conv, long seq) {
    return new ServerFrame.Deliver(conv, seq, new MsgId(new byte[16]), EntryKind.APPLICATION, 0, new byte[] {1}, new byte[0], null, "gw", "gw", 0);
  }
}
