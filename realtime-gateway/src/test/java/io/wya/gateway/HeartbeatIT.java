package io.wya.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.client.GatewayClient;
import io.wya.gateway.client.GatewayClient.Transport;
import io.wya.gateway.protocol.CloseCode;
import io.wya.gateway.protocol.Ping;
import io.wya.gateway.protocol.Pong;
import io.wya.gateway.protocol.RetryPolicy;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.testing.MlsDevice;
import io.wya.gateway.testing.Peer;
import io.wya.gateway.testing.TestGateway;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/// Heartbeats, timeouts and the instance stop, with timers shortened through configuration.
class HeartbeatIT {
  private static TestGateway gw;

  @BeforeAll
  static void start() {
    gw = TestGateway.start("heartbeat", Map.of("GATEWAY_HEARTBEAT_INTERVAL", "200ms", "GATEWAY_HEARTBEAT_TIMEOUT", "700ms",
        "GATEWAY_AUTH_TIMEOUT", "2s"));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  @DisplayName("HB-1 every Ping is answered by a Pong with the same nonce, before and after authentication")
  void pingsAreAnswered() throws Exception {
    GatewayClient c = gw.connect(Transport.WEBSOCKET);
    assertThat(c.call(new Ping(Long.MAX_VALUE), Pong.class, Peer.T).nonce()).isEqualTo(Long.MAX_VALUE);
    MlsDevice d = MlsDevice.newUser();
    c.authenticate(d.key(), d.signer(), Peer.T);
    assertThat(c.call(new Ping(123), Pong.class, Peer.T).nonce()).isEqualTo(123);
    c.close();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  @DisplayName("HB-2 HB-3 an idle session gets Pings; one that answers stays, one that sends nothing is closed with HEARTBEAT_TIMEOUT (4003)")
  void silentSessionsAreClosed(Transport transport) throws Exception {
    Peer lively = Peer.login(gw, MlsDevice.newUser(), transport).caughtUp();
    GatewayClient silent = gw.connect(transport).autoPong(false);
    MlsDevice d = MlsDevice.newUser();
    silent.authenticate(d.key(), d.signer(), Peer.T);
    Ping ping = silent.next(Ping.class, Peer.T);
    assertThat(ping.nonce()).isPositive();
    ServerFrame.Closing closing = silent.next(ServerFrame.Closing.class, Peer.T);
    assertThat(closing.code()).isEqualTo(CloseCode.HEARTBEAT_TIMEOUT);
    assertThat(closing.retry()).isEqualTo(RetryPolicy.RECONNECT_NOW);
    assertThat(silent.awaitClosed(Peer.T).code()).isEqualTo(4003);
    assertThat(lively.client.isOpen()).as("a session that answers Pings stays").isTrue();
    lively.close();
  }

  @Test
  @DisplayName("AUTH-3 a connection that does not authenticate within GATEWAY_AUTH_TIMEOUT is closed with AUTH_TIMEOUT (4002)")
  void authTimeout() throws Exception {
    GatewayClient c = gw.connect(Transport.WEBSOCKET);
    assertThat(c.next(ServerFrame.Closing.class, Peer.T).code()).isEqualTo(CloseCode.AUTH_TIMEOUT);
    assertThat(c.awaitClosed(Peer.T).code()).isEqualTo(4002);
  }
}
