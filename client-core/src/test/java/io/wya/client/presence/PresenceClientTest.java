package io.wya.client.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.gateway.Backoff;
import io.wya.client.gateway.GatewayConnection;
import io.wya.client.gateway.GatewayListeners;
import io.wya.client.gateway.FakeGateway;
import io.wya.client.identity.Identity;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ClientMessage;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.LastSeen;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.UserId;
import io.wya.gateway.protocol.DeviceId;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.SigningKey;
import io.wya.polycentric.SystemKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PresenceClientTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Identity me = new Identity(SigningKey.generate(RANDOM), ProcessId.random(RANDOM), new DeviceId(new byte[16]));
  private final SystemKey bob = SigningKey.generate(RANDOM).system();
  private final FakeGateway gateway = new FakeGateway();
  private final GatewayListeners listeners = new GatewayListeners();
  private final GatewayConnection connection = new GatewayConnection(gateway, me, new Backoff(new Random(1), Duration.ofMillis(1),
      Duration.ofMillis(2)), Clock.systemUTC(), listeners, "test", Duration.ofSeconds(10));
  private final PresenceClient presence = new PresenceClient(connection, PresenceStatus.AWAY, "lunch");
  private final BlockingQueue<PresenceView> seen = new LinkedBlockingQueue<>();

  @AfterEach void close() { connection.close(); }

  @Test void watchAnswersTheSnapshotThenPushesChangesAndTheEndOfAWatch() throws Exception {
    listeners.add(presence);
    presence.addListener(seen::add);
    connection.start();
    FakeGateway.Conn c = gateway.next();
    c.ready(me);
    ClientMessage set = c.take();
    assertThat(set.frame()).isEqualTo(new ClientFrame.SetPresence(PresenceStatus.AWAY, "lunch"));
    c.push(set.requestId(), new ServerFrame.PresenceLease(PresenceStatus.AWAY, "lunch", 90_000));

    CompletableFuture<List<PresenceView>> watching = CompletableFuture.supplyAsync(() -> presence.watch(List.of(bob)));
    ClientMessage watch = c.take();
    assertThat(((ClientFrame.WatchPresence) watch.frame()).add()).containsExactly(new UserId(bob.key().toByteArray()));
    c.push(watch.requestId(), new ServerFrame.PresenceSnapshot(List.of(state(PresenceStatus.ONLINE, null)), 1, 256));
    assertThat(watching.get(5, TimeUnit.SECONDS)).extracting(PresenceView::describe).containsExactly("online");

    c.push(0, new ServerFrame.PresenceChanged(state(PresenceStatus.OFFLINE, LastSeen.JUST_NOW)));
    assertThat(seen.poll(5, TimeUnit.SECONDS).describe()).isEqualTo("offline (seen just now)");
    c.push(0, new ServerFrame.PresenceWatchEnded(new UserId(bob.key().toByteArray())));
    assertThat(seen.poll(5, TimeUnit.SECONDS).watching()).isFalse();
  }

  @Test void aNewSessionSetsTheLeaseAndTheWatchlistAgain() throws Exception {
    listeners.add(presence);
    connection.start();
    FakeGateway.Conn first = gateway.next();
    first.ready(me);
    ClientMessage set = first.take();
    first.push(set.requestId(), new ServerFrame.PresenceLease(PresenceStatus.AWAY, "lunch", 90_000));
    CompletableFuture<List<PresenceView>> watching = CompletableFuture.supplyAsync(() -> presence.watch(List.of(bob)));
    ClientMessage watch = first.take();
    first.push(watch.requestId(), new ServerFrame.PresenceSnapshot(List.of(state(PresenceStatus.ONLINE, null)), 1, 256));
    watching.get(5, TimeUnit.SECONDS);
    first.serverClose(1001, "instance stopping");

    FakeGateway.Conn second = gateway.next();
    second.ready(me);
    assertThat(second.take().frame()).isEqualTo(new ClientFrame.SetPresence(PresenceStatus.AWAY, "lunch"));
    assertThat(second.take().frame()).isInstanceOfSatisfying(ClientFrame.WatchPresence.class,
        w -> assertThat(w.add()).containsExactly(new UserId(bob.key().toByteArray())));
  }

  @Test void aUserWhoIsNotAContactIsNamed() throws Exception {
    listeners.add(presence);
    connection.start();
    FakeGateway.Conn c = gateway.next();
    c.ready(me);
    c.take();
    CompletableFuture<List<PresenceView>> watching = CompletableFuture.supplyAsync(() -> presence.watch(List.of(bob)));
    ClientMessage watch = c.take();
    c.push(watch.requestId(), ServerFrame.Error.of(ErrorCode.NOT_A_CONTACT, "not a contact").withItemIndex(0));
    assertThatThrownBy(() -> watching.get(5, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.error()).isEqualTo(ClientError.NOT_FOUND));
  }

  private ServerFrame.PresenceState state(PresenceStatus status, LastSeen lastSeen) {
    return new ServerFrame.PresenceState(new UserId(bob.key().toByteArray()), status, "", lastSeen);
  }
}
