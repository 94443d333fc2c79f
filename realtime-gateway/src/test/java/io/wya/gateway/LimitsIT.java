package io.wya.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wya.gateway.ConversationFlowIT.Pair;
import io.wya.gateway.client.GatewayClient;
import io.wya.gateway.client.GatewayClient.Transport;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.CloseCode;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.FrameCodec;
import io.wya.gateway.protocol.Ping;
import io.wya.gateway.protocol.Pong;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.ServerMessage;
import io.wya.gateway.testing.MlsDevice;
import io.wya.gateway.testing.Peer;
import io.wya.gateway.testing.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// Every limit of GATEWAY_SPEC §9 through its configuration variable, on real instances.
class LimitsIT {
  private static final String IP = "X-Test-Client";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TestGateway rates;
  private static TestGateway caps;

  @BeforeAll
  static void start() {
    rates = TestGateway.start("rates", Map.of("GATEWAY_FRAME_RATE", "1", "GATEWAY_FRAME_BURST", "4", "GATEWAY_SEND_RATE", "1",
        "GATEWAY_SEND_BURST", "2", "GATEWAY_MAX_DEVICES_PER_USER", "2", "GATEWAY_PENALTY_STRIKES", "3", "GATEWAY_PENALTY_BASE", "20s",
        "GATEWAY_PENALTY_MAX", "1m", "GATEWAY_CLIENT_IP_HEADER", IP));
    caps = TestGateway.start("caps", Map.of("GATEWAY_MAX_CONNECTIONS", "4", "GATEWAY_MAX_CONNECTIONS_PER_IP", "2",
        "GATEWAY_MAX_CONNECTIONS_PER_USER", "1", "GATEWAY_CLIENT_IP_HEADER", IP));
  }

  @AfterAll
  static void stop() {
    rates.close();
    caps.close();
  }

  private static GatewayClient from(TestGateway gw, String address) throws Exception {
    return GatewayClient.connect(gw.base(), Transport.WEBSOCKET, TestGateway.TIMEOUT, Map.of(IP, address));
  }

  private static Peer login(TestGateway gw, String address, MlsDevice d) throws Exception {
    GatewayClient c = from(gw, address);
    return new Peer(d, c, c.authenticate(d.key(), d.signer(), Peer.T));
  }

  @Test
  @DisplayName("LIM-1 frames over the frame bucket are RATE_LIMITED with retry_after_ms; the session stays open")
  void frameRate() throws Exception {
    GatewayClient c = from(rates, "10.9.0.1");
    // 6 frames against a burst of 4: 2 are refused (3 refusals would be a penalty, LIM-4)
    for (int i = 1; i <= 6; i++) c.send(i, new Ping(i));
    List<ServerFrame> replies = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      int id = i;
      replies.add(c.take(m -> m.requestId() == id, Peer.T).frame());
    }
    assertThat(replies).filteredOn(f -> f instanceof Pong).hasSizeBetween(4, 5);
    List<ServerFrame.Error> limited = replies.stream().filter(f -> f instanceof ServerFrame.Error).map(f -> (ServerFrame.Error) f).toList();
    assertThat(limited).isNotEmpty().allSatisfy(e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(e.retryAfterMs()).isPositive();
      assertThat(e.retryable()).isTrue();
    });
    assertThat(c.isOpen()).isTrue();
    c.close();
  }

  @Test
  @DisplayName("LIM-1 Sends also spend from the send bucket: beyond its burst they are RATE_LIMITED and nothing is stored")
  void sendRate() throws Exception {
    MlsDevice alice = MlsDevice.newUser();
    Peer a = login(rates, "10.9.0.2", alice);
    var group = alice.createGroup(MlsDevice.random(32));
    var conv = a.create(group);
    List<ServerFrame> replies = new ArrayList<>();
    for (int i = 0; i < 3; i++) replies.add(a.send(conv, group.protect("m" + i)).frame());
    assertThat(replies).filteredOn(f -> f instanceof ServerFrame.Sent).hasSizeBetween(2, 3);
    assertThat(replies.getLast()).isInstanceOfSatisfying(ServerFrame.Error.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    a.close();
  }

  @Test
  @DisplayName("AUTH-4 the first Authenticate of a new device registers it, up to GATEWAY_MAX_DEVICES_PER_USER; then DEVICE_LIMIT (4005)")
  void deviceLimit() throws Exception {
    MlsDevice first = MlsDevice.newUser();
    Peer one = login(rates, "10.9.0.3", first);
    assertThat(one.ready.deviceRegistered()).isTrue();
    Peer two = login(rates, "10.9.0.3", first.anotherDevice());
    assertThat(two.ready.deviceRegistered()).isTrue();
    MlsDevice third = first.anotherDevice();
    GatewayClient c = from(rates, "10.9.0.4");
    ServerMessage refused = c.request(new ClientFrame.Authenticate(third.key(),
        third.signer().sign(io.wya.gateway.protocol.AuthMessage.of("gw_test", c.challenge().nonce(), third.key())), ""), Peer.T);
    assertThat(((ServerFrame.Error) refused.frame()).code()).isEqualTo(ErrorCode.DEVICE_LIMIT_REACHED);
    assertThat(c.next(ServerFrame.Closing.class, Peer.T).code()).isEqualTo(CloseCode.DEVICE_LIMIT);
    assertThat(c.awaitClosed(Peer.T).code()).isEqualTo(4005);
    assertThat(login(rates, "10.9.0.5", first).ready.deviceRegistered()).as("known devices still log in").isFalse();
  }

  @Test
  @DisplayName("LIM-4 HTTP-2 strikes disconnect with PENALTY (4029) and bar the address (429 + Retry-After before the upgrade) and the device")
  void penalties() throws Exception {
    MlsDevice d = MlsDevice.newUser();
    Peer p = login(rates, "10.9.1.1", d);
    for (int i = 0; i < 3; i++) p.client.sendRaw(new byte[] {(byte) 0xFF});
    ServerFrame.Closing closing = p.client.next(ServerFrame.Closing.class, Peer.T);
    assertThat(closing.code()).isEqualTo(CloseCode.PENALTY);
    assertThat(closing.retryAfterMs()).isEqualTo(20_000);
    assertThat(p.client.awaitClosed(Peer.T).code()).isEqualTo(4029);

    WebSocketHandshakeException refused = catchThrowableOfType(WebSocketHandshakeException.class, () -> {
      try {
        from(rates, "10.9.1.1");
      } catch (java.io.IOException e) {
        throw e.getCause();
      }
    });
    assertThat(refused.getResponse().statusCode()).isEqualTo(429);
    assertThat(refused.getResponse().headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    assertThat(refused.getResponse().headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(String.valueOf(refused.getResponse().body())).contains("\"code\"").contains("RATE_LIMITED");

    GatewayClient elsewhere = from(rates, "10.9.1.2");
    ServerMessage barred = elsewhere.request(new ClientFrame.Authenticate(d.key(),
        d.signer().sign(io.wya.gateway.protocol.AuthMessage.of("gw_test", elsewhere.challenge().nonce(), d.key())), ""), Peer.T);
    assertThat(((ServerFrame.Error) barred.frame()).code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(elsewhere.next(ServerFrame.Closing.class, Peer.T).code()).isEqualTo(CloseCode.PENALTY);
    assertThat(elsewhere.awaitClosed(Peer.T).code()).isEqualTo(4029);
  }

  @Test
  @DisplayName("LIM-3 HTTP-2 connections per client address are capped before the upgrade (429 + Retry-After + JSON)")
  void perAddressCap() throws Exception {
    GatewayClient a = from(caps, "10.8.0.1");
    GatewayClient b = from(caps, "10.8.0.1");
    HttpResponse<String> third = HTTP.send(HttpRequest.newBuilder(URI.create(caps.base() + "/v1/sse")).header(IP, "10.8.0.1").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After")).isPresent();
    assertThat(third.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(third.body()).contains("\"code\":\"TOO_MANY_CONNECTIONS\"").contains("\"message\"");
    a.close();
    b.close();
  }

  @Test
  @DisplayName("LIM-3 sessions per user are capped at authentication with TOO_MANY_CONNECTIONS and close 4030")
  void perUserCap() throws Exception {
    MlsDevice first = MlsDevice.newUser();
    Peer one = login(caps, "10.8.1.1", first);
    MlsDevice second = first.anotherDevice();
    GatewayClient c = from(caps, "10.8.1.2");
    ServerMessage r = c.request(new ClientFrame.Authenticate(second.key(),
        second.signer().sign(io.wya.gateway.protocol.AuthMessage.of("gw_test", c.challenge().nonce(), second.key())), ""), Peer.T);
    ServerFrame.Error e = (ServerFrame.Error) r.frame();
    assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_CONNECTIONS);
    assertThat(e.retryAfterMs()).isPositive();
    ServerFrame.Closing closing = c.next(ServerFrame.Closing.class, Peer.T);
    assertThat(closing.code()).isEqualTo(CloseCode.TOO_MANY_CONNECTIONS);
    assertThat(closing.retryAfterMs()).isPositive();
    assertThat(c.awaitClosed(Peer.T).code()).isEqualTo(4030);
    assertThat(one.client.isOpen()).isTrue();
    one.close();
  }

  @Test
  @DisplayName("LIM-3 HTTP-2 an instance at GATEWAY_MAX_CONNECTIONS refuses with 503 + Retry-After; a draining one too")
  void instanceCapAndDraining() throws Exception {
    try (TestGateway small = TestGateway.start("small", Map.of("GATEWAY_MAX_CONNECTIONS", "1"))) {
      GatewayClient only = small.connect(Transport.WEBSOCKET);
      HttpResponse<String> full = HTTP.send(HttpRequest.newBuilder(URI.create(small.base() + "/v1/sse")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(full.statusCode()).isEqualTo(503);
      assertThat(full.headers().firstValue("Retry-After")).isPresent();
      assertThat(full.body()).contains("\"code\":\"UNAVAILABLE\"");
      only.close();
      only.awaitClosed(Peer.T);
      small.gateway().drain();
      HttpResponse<String> draining = HTTP.send(HttpRequest.newBuilder(URI.create(small.base() + "/v1/sse")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(draining.statusCode()).isEqualTo(503);
      assertThat(draining.headers().firstValue("Retry-After")).isPresent();
      HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(small.base() + "/health/ready")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(503);
    }
  }

  @Test
  @DisplayName("BP-1 a slow consumer is paused (counted), never dropped, and caught up from the store in order")
  void slowConsumerIsPausedAndCaughtUp() throws Exception {
    try (TestGateway gw = TestGateway.start("slow", Map.of("GATEWAY_WRITE_QUEUE_BYTES", "16384", "GATEWAY_REPLAY_BATCH", "8"))) {
      Pair p = ConversationFlowIT.pair(gw);
      p.bob().client.pauseReading();
      String payload = "x".repeat(200_000);
      int n = 60;
      long first = 0;
      for (int i = 0; i < n; i++) {
        long seq = p.alice().sent(p.conv(), p.aliceGroup().protect(i + payload)).seq();
        if (i == 0) first = seq;
      }
      assertThat(pauses(gw)).as("the session was paused").isPositive();
      assertThat(p.bob().client.isOpen()).isTrue();
      p.bob().client.resumeReading();
      for (int i = 0; i < n; i++) {
        ServerFrame.Deliver d = p.bob().deliver(p.conv());
        assertThat(d.seq()).isEqualTo(first + i);
        assertThat(p.bobGroup().unprotect(d.mlsMessage())).startsWith(Integer.toString(i));
      }
      p.alice().close();
      p.bob().close();
    }
  }

  private static double pauses(TestGateway gw) {
    for (String line : gw.gateway().metrics().scrape().split("\n")) {
      if (line.startsWith("gateway_queue_pauses_total")) return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    return 0;
  }
}
