package io.wya.client.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.identity.Identity;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ClientMessage;
import io.wya.gateway.protocol.CloseCode;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.Ping;
import io.wya.gateway.protocol.Pong;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.ServerMessage;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.SigningKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayConnectionTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Identity identity = new Identity(SigningKey.generate(RANDOM), ProcessId.random(RANDOM), new DeviceId(bytes(16, 5)));
  private final FakeGateway gateway = new FakeGateway();
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final Backoff backoff = new Backoff(new Random(1), Duration.ofMillis(1), Duration.ofMillis(2));
  private final GatewayConnection connection = new GatewayConnection(gateway, identity, backoff, Clock.systemUTC(), new Recorder(), "test/1",
      Duration.ofSeconds(10));

  @AfterEach void close() { connection.close(); }

  @Test void answersTheChallengeWithASignatureOverTheSpecMessage() throws Exception {
    connection.start();
    FakeGateway.Conn c = gateway.next();
    assertThat(c.kind).isEqualTo(TransportKind.WEBSOCKET);
    byte[] nonce = bytes(32, 9);
    c.push(0, challenge(nonce));
    ClientMessage auth = c.take();
    ClientFrame.Authenticate a = (ClientFrame.Authenticate) auth.frame();
    assertThat(a.device()).isEqualTo(identity.deviceKey());
    byte[] signed = io.wya.gateway.protocol.AuthMessage.of("gw_test", nonce, identity.deviceKey());
    assertThat(new String(signed, 0, 19, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("wya-gateway-auth-v1");
    assertThat(signed).hasSize(19 + 1 + 7 + 32 + 32 + 16);
    assertThat(Ed25519.verify(a.signature(), 0, identity.key().system().key().toByteArray(), 0, signed, 0, signed.length)).isTrue();

    c.push(auth.requestId(), ready(bytes(32, 1)));
    connection.awaitReady().get(5, TimeUnit.SECONDS);
    c.push(0, new ServerFrame.CaughtUp(0));
    connection.awaitCaughtUp().get(5, TimeUnit.SECONDS);
    assertThat(connection.state()).isInstanceOf(ConnectionState.Live.class);
  }

  @Test void fallsBackToSseWhenTheUpgradeIsRefused() throws Exception {
    gateway.refused.add(TransportKind.WEBSOCKET);
    connection.start();
    FakeGateway.Conn c = gateway.next();
    assertThat(c.kind).isEqualTo(TransportKind.SSE);
    assertThat(List.of(gateway.attempts.take(), gateway.attempts.take())).containsExactly(TransportKind.WEBSOCKET, TransportKind.SSE);
    readyOn(c);
  }

  @Test void switchesToSseAfterTwoCutsBeforeReady() throws Exception {
    connection.start();
    for (int i = 0; i < GatewayConnection.CUTS_BEFORE_SSE; i++) {
      FakeGateway.Conn ws = gateway.next();
      assertThat(ws.kind).isEqualTo(TransportKind.WEBSOCKET);
      ws.serverClose(Transport.CUT, "middlebox");
    }
    assertThat(gateway.next().kind).isEqualTo(TransportKind.SSE);
  }

  @Test void reconnectsAfterACutAndResumesWithTheToken() throws Exception {
    connection.start();
    FakeGateway.Conn first = gateway.next();
    byte[] token = bytes(32, 7);
    readyOn(first, token);
    first.serverClose(CloseCode.GOING_AWAY.code(), "instance stopping");

    FakeGateway.Conn second = gateway.next();
    second.push(0, challenge(bytes(32, 3)));
    ClientMessage resume = second.take();
    assertThat(resume.frame()).isInstanceOfSatisfying(ClientFrame.Resume.class, r -> assertThat(r.resumeToken()).isEqualTo(token));
    second.push(resume.requestId(), ServerFrame.Error.of(ErrorCode.RESUME_TOKEN_INVALID, "expired"));
    ClientMessage auth = second.take();
    assertThat(auth.frame()).isInstanceOf(ClientFrame.Authenticate.class);
    second.push(auth.requestId(), ready(bytes(32, 8)));
    connection.awaitReady().get(5, TimeUnit.SECONDS);
    assertThat(events).anySatisfy(e -> assertThat(e).isEqualTo("fresh=true"));
  }

  @Test void aReplacedSessionIsNotReconnected() throws Exception {
    connection.start();
    FakeGateway.Conn c = gateway.next();
    readyOn(c);
    c.push(0, new ServerFrame.Closing(CloseCode.SESSION_REPLACED, "another session of this device", 0));
    c.serverClose(CloseCode.SESSION_REPLACED.code(), "replaced");
    connection.sync(x -> { });
    CompletableFuture<Void> next = connection.awaitReady();
    assertThatThrownBy(() -> next.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.error()).isEqualTo(ClientError.SESSION_ENDED));
    assertThat(connection.state()).isInstanceOfSatisfying(ConnectionState.Stopped.class, s -> assertThat(s.byUs()).isFalse());
    assertThat(gateway.opened.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test void repliesAreMatchedToRequestsAndErrorsBecomeRejections() throws Exception {
    connection.start();
    FakeGateway.Conn c = gateway.next();
    readyOn(c);
    ConvId conv = new ConvId(bytes(32, 4));
    CompletableFuture<ServerMessage> first = connection.call(new ClientFrame.GetGroupInfo(conv));
    CompletableFuture<ServerMessage> second = connection.call(new ClientFrame.ListConversations());
    ClientMessage r1 = c.take();
    ClientMessage r2 = c.take();
    assertThat(r1.requestId()).isNotEqualTo(r2.requestId()).isNotZero();
    c.push(r2.requestId(), new ServerFrame.Conversations(List.of()));
    c.push(r1.requestId(), ServerFrame.Error.of(ErrorCode.NOT_A_MEMBER, "no").withCurrentEpoch(3));
    assertThat(second.get(5, TimeUnit.SECONDS).frame()).isInstanceOf(ServerFrame.Conversations.class);
    assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(GatewayRejected.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_MEMBER));
  }

  @Test void answersPingsAndPassesDeliveriesOnInOrder() throws Exception {
    connection.start();
    FakeGateway.Conn c = gateway.next();
    readyOn(c);
    c.push(0, new Ping(42));
    assertThat(c.take().frame()).isEqualTo(new Pong(42));
    ConvId conv = new ConvId(bytes(32, 4));
    for (long seq = 1; seq <= 3; seq++) {
      c.push(0, new ServerFrame.Deliver(conv, seq, new MsgId(bytes(16, (int) seq)), EntryKind.APPLICATION, 0, new byte[] {1}, new byte[0],
          null, "gw_test", "gw_test", 0));
    }
    connection.sync(x -> { });
    assertThat(events.stream().filter(e -> e instanceof Long).toList()).containsExactly(1L, 2L, 3L);
  }

  @Test void aSilentConnectionIsClosedByTheWatchdog() throws Exception {
    MutableClock clock = new MutableClock();
    GatewayConnection watched = new GatewayConnection(gateway, identity, new Backoff(new Random(1), Duration.ofMillis(1), Duration.ofMillis(2)),
        clock, new Recorder(), "test/1", Duration.ofSeconds(10));
    try {
      watched.start();
      FakeGateway.Conn c = gateway.next();
      c.push(0, challenge(bytes(32, 2)));
      ClientMessage auth = c.take();
      c.push(auth.requestId(), ready(bytes(32, 1)));
      watched.awaitReady().get(5, TimeUnit.SECONDS);
      clock.millis += 74_000;
      watched.sync(GatewayConnection::checkHeartbeat);
      assertThat(c.closedByClient).isNotDone();
      clock.millis += 2_000;
      watched.sync(GatewayConnection::checkHeartbeat);
      assertThat(c.closedByClient.get(5, TimeUnit.SECONDS)).isEqualTo(CloseCode.HEARTBEAT_TIMEOUT.code());
      assertThat(gateway.next()).as("reconnected").isNotNull();
    } finally {
      watched.close();
    }
  }

  @Test void theCaughtUpMarkerBelongsToOneSession() throws Exception {
    connection.start();
    FakeGateway.Conn first = gateway.next();
    readyOn(first);
    assertThat(connection.awaitCaughtUp()).isNotDone();
    first.push(0, new ServerFrame.CaughtUp(2));
    connection.awaitCaughtUp().get(5, TimeUnit.SECONDS);

    first.serverClose(Transport.CUT, "cut");
    FakeGateway.Conn second = gateway.next();
    assertThat(connection.awaitCaughtUp()).as("a cut session's CaughtUp says nothing about the next one").isNotDone();
    readyOn(second);
    assertThat(connection.state()).isInstanceOf(ConnectionState.CatchingUp.class);
    assertThat(connection.awaitCaughtUp()).isNotDone();
    second.push(0, new ServerFrame.CaughtUp(2));
    connection.awaitCaughtUp().get(5, TimeUnit.SECONDS);
    assertThat(connection.state()).isInstanceOf(ConnectionState.Live.class);
  }

  @Test void failedAttemptsBackOffAndAReadySessionStartsFromTheBaseAgain() throws Exception {
    gateway.refused.add(TransportKind.WEBSOCKET);
    gateway.refused.add(TransportKind.SSE);
    gateway.refusalStatus = 503;
    connection.start();
    for (int i = 0; i < 6; i++) gateway.attempts.poll(5, TimeUnit.SECONDS);
    int[] failures = new int[1];
    connection.sync(c -> failures[0] = backoff.failures());
    assertThat(failures[0]).as("each failed attempt counts").isGreaterThanOrEqualTo(2);
    assertThat(connection.state()).isInstanceOfAny(ConnectionState.Waiting.class, ConnectionState.Connecting.class);

    gateway.refused.clear();
    readyOn(gateway.next());
    connection.sync(c -> failures[0] = backoff.failures());
    assertThat(failures[0]).isZero();
  }

  @Test void aRequestWaitsForASessionAndFailsWhenItsConnectionIsCut() throws Exception {
    connection.start();
    FakeGateway.Conn c = gateway.next();
    CompletableFuture<ServerMessage> early = connection.call(new ClientFrame.GetKeyPackageCount());
    readyOn(c);
    ClientMessage request = c.take();
    assertThat(request.frame()).isInstanceOf(ClientFrame.GetKeyPackageCount.class);
    c.serverClose(Transport.CUT, "cut before the reply");
    assertThatThrownBy(() -> early.get(5, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(ClientException.class,
        e -> assertThat(e.error()).isEqualTo(ClientError.UNREACHABLE));
  }

  private void readyOn(FakeGateway.Conn c) throws Exception { readyOn(c, bytes(32, 1)); }

  private void readyOn(FakeGateway.Conn c, byte[] token) throws Exception {
    c.push(0, challenge(bytes(32, 2)));
    ClientMessage auth = c.take();
    c.push(auth.requestId(), ready(token));
    connection.awaitReady().get(5, TimeUnit.SECONDS);
  }

  private ServerFrame.Ready ready(byte[] token) {
    return new ServerFrame.Ready("s1", token, 600_000, false, "gw_test", identity.deviceKey());
  }

  private static ServerFrame.Challenge challenge(byte[] nonce) {
    return new ServerFrame.Challenge(nonce, "gw_test", 0, 25_000, 75_000, new ServerFrame.Limits(1 << 20, 1 << 18, 100, 100, 30), "");
  }

  static byte[] bytes(int n, int value) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  private final class Recorder implements GatewayListener {
    @Override public void onReady(ServerFrame.Ready ready, boolean fresh) { events.add("fresh=" + fresh); }

    @Override public void onDeliver(ServerFrame.Deliver deliver) { events.add(deliver.seq()); }
  }

  static final class MutableClock extends Clock {
    volatile long millis = 1_000_000;

    @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }

    @Override public Clock withZone(java.time.ZoneId zone) { return this; }

    @Override public java.time.Instant instant() { return java.time.Instant.ofEpochMilli(millis); }

    @Override public long millis() { return millis; }
  }
}
