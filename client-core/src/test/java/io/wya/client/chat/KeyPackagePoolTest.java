package io.wya.client.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.client.gateway.Backoff;
import io.wya.client.gateway.FakeGateway;
import io.wya.client.gateway.GatewayConnection;
import io.wya.client.gateway.GatewayListener;
import io.wya.client.identity.Identity;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ClientMessage;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.mls.DeviceIdentity;
import io.wya.mls.MlsClient;
import io.wya.mls.bc.BcEngine;
import io.wya.mls.store.InMemoryStateStore;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.SigningKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The KeyPackage pool against a scripted gateway (decisions/0505).
class KeyPackagePoolTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Identity identity = new Identity(SigningKey.generate(RANDOM), ProcessId.random(RANDOM), new DeviceId(new byte[16]));
  private final FakeGateway gateway = new FakeGateway();
  private final MlsClient mls;
  private final KeyPackagePool pool;
  private final GatewayConnection connection;

  KeyPackagePoolTest() throws Exception {
    mls = MlsClient.create(new InMemoryStateStore(), BcEngine.standard(),
        new DeviceIdentity(identity.userId().bytes(), identity.device().bytes()), ChatSession.MLS_CONFIG, Clock.systemUTC(), RANDOM);
    pool = new KeyPackagePool(mls, ChatSession.KEY_PACKAGE_POOL);
    connection = new GatewayConnection(gateway, identity, new Backoff(new Random(1), Duration.ofMillis(1), Duration.ofMillis(2)),
        Clock.systemUTC(), new GatewayListener() {
          @Override public void onReady(ServerFrame.Ready ready, boolean fresh) { pool.topUp(); }

          @Override public void onKeyPackagesLow(ServerFrame.KeyPackagesLow low) { pool.replenish(); }
        }, "test/1", Duration.ofSeconds(10));
    pool.attach(connection);
  }

  @AfterEach void close() {
    connection.close();
    mls.close();
  }

  @Test @DisplayName("KP-10 from the client: the KeyPackagesLow that follows Ready does not add to a pool the top-up already filled")
  void aLowSignalRightAfterReadyCountsAgainInsteadOfUploadingTwice() throws Exception {
    connection.start();
    FakeGateway.Conn c = gateway.next();
    c.ready(identity);
    c.push(0, new ServerFrame.KeyPackagesLow(1, 0, 10));

    int oneTime = 0;
    boolean lastResort = false;
    int counts = 0;
    for (ClientMessage m = c.take(); m != null; m = c.poll(Duration.ofSeconds(2))) {
      switch (m.frame()) {
        case ClientFrame.GetKeyPackageCount g -> {
          counts++;
          c.push(m.requestId(), new ServerFrame.KeyPackageCount(List.of(new ServerFrame.SuiteCount(1, oneTime, lastResort)), 10));
        }
        case ClientFrame.UploadKeyPackages u -> {
          for (ClientFrame.KeyPackageUpload item : u.items()) {
            if (item.lastResort()) lastResort = true;
            else oneTime++;
          }
          c.push(m.requestId(), new ServerFrame.KeyPackagesUploaded(List.of(), oneTime, lastResort, "gw_test", "gw_test"));
        }
        default -> throw new AssertionError("unexpected " + m.frame());
      }
    }
    assertThat(counts).as("the refill counted again").isEqualTo(2);
    assertThat(oneTime).isEqualTo(ChatSession.KEY_PACKAGE_POOL);
    assertThat(lastResort).isTrue();
    assertThat(pool.ready()).isDone();
  }
}
