package io.wya.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.KeyPackageRejection;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.ServerMessage;
import io.wya.gateway.testing.MlsDevice;
import io.wya.gateway.testing.Peer;
import io.wya.gateway.testing.TestClock;
import io.wya.gateway.testing.TestGateway;
import io.wya.mls.wire.CipherSuite;
import io.wya.mls.wire.KeyPackage;
import io.wya.mls.wire.MlsCrypto;
import io.wya.mls.wire.MlsWire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The KeyPackage directory on the real store (GATEWAY_SPEC §6), with BouncyCastle KeyPackages.
class KeyPackageIT {
  private static final TestClock CLOCK = TestClock.following();
  private static TestGateway gw;
  private static TestGateway other;

  @BeforeAll
  static void start() {
    gw = TestGateway.start("kp", Map.of("GATEWAY_MAX_KEY_PACKAGES_PER_UPLOAD", "5", "GATEWAY_MAX_KEY_PACKAGES_PER_DEVICE", "12",
        "GATEWAY_CLAIM_RATE", "3", "GATEWAY_CLAIM_WINDOW", "1h", "GATEWAY_PENALTY_STRIKES", "0"), CLOCK);
    other = gw.sibling(Map.of());
  }

  @AfterAll
  static void stop() {
    other.close();
    gw.close();
  }

  private static ServerMessage upload(Peer p, List<ClientFrame.KeyPackageUpload> items) throws Exception {
    return p.client.request(new ClientFrame.UploadKeyPackages(items), Peer.T);
  }

  private static ClientFrame.KeyPackageUpload item(byte[] kp) {
    return new ClientFrame.KeyPackageUpload(kp, false);
  }

  private static ServerFrame.SuiteCount count(Peer p) throws Exception {
    return p.client.call(new ClientFrame.GetKeyPackageCount(), ServerFrame.KeyPackageCount.class, Peer.T).suites().getFirst();
  }

  private static ServerFrame.Error rejected(Peer p, List<ClientFrame.KeyPackageUpload> items) throws Exception {
    return p.error(upload(p, items));
  }

  @Test
  @DisplayName("KP-1 each invalid KeyPackage is KEY_PACKAGE_INVALID with the item's index and a reason")
  void invalidKeyPackages() throws Exception {
    Peer p = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    long now = System.currentTimeMillis() / 1000;
    byte[] good = p.device.keyPackage(30);
    record Case(byte[] bytes, KeyPackageRejection reason) {}
    byte[] badSignature = p.device.keyPackage(30);
    badSignature[badSignature.length - 3] ^= 0x40;
    List<Case> cases = List.of(
        new Case(p.device.keyPackage(0, -1), KeyPackageRejection.LIFETIME_TOO_LONG),
        new Case(p.device.keyPackage(now - 7200, now - 3600), KeyPackageRejection.EXPIRED),
        new Case(p.device.keyPackage(now + 86_400, now + 2 * 86_400), KeyPackageRejection.NOT_YET_VALID),
        new Case(p.device.keyPackage(now - 60, now + 91 * 86_400L), KeyPackageRejection.LIFETIME_TOO_LONG),
        new Case(badSignature, KeyPackageRejection.BAD_KEY_PACKAGE_SIGNATURE),
        new Case(p.device.createGroup(MlsDevice.random(32)).groupInfo(), KeyPackageRejection.NOT_A_KEY_PACKAGE));
    for (Case c : cases) {
      ServerFrame.Error e = rejected(p, List.of(item(good), item(c.bytes())));
      assertThat(e.code()).as(c.reason().name()).isEqualTo(ErrorCode.KEY_PACKAGE_INVALID);
      assertThat(e.keyPackageReason()).as(e.message()).isEqualTo(c.reason());
      assertThat(e.itemIndex()).hasValue(1);
    }
    ServerFrame.Error malformed = rejected(p, List.of(item(new byte[] {0, 1, 0, 5, 9})));
    assertThat(malformed.keyPackageReason()).isEqualTo(KeyPackageRejection.MALFORMED);
    assertThat(malformed.mlsReason()).isNotEmpty();
    assertThat(malformed.itemIndex()).hasValue(0);
    assertThat(count(p).oneTimeCount()).as("nothing of the rejected batches was stored (KP-3)").isZero();
    p.close();
  }

  @Test
  @DisplayName("KP-2 a KeyPackage whose credential is another device is IDENTITY_MISMATCH")
  void identityMustBeTheUploader() throws Exception {
    Peer p = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    byte[] someoneElses = p.device.anotherDevice().keyPackage(30);
    ServerFrame.Error e = rejected(p, List.of(item(someoneElses)));
    assertThat(e.keyPackageReason()).isEqualTo(KeyPackageRejection.IDENTITY_MISMATCH);
    p.close();
  }

  @Test
  @DisplayName("KP-3 uploads are all-or-nothing, at most GATEWAY_MAX_KEY_PACKAGES_PER_UPLOAD items, at most the per-device quota")
  void batchLimitsAndQuota() throws Exception {
    Peer p = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    List<ClientFrame.KeyPackageUpload> six = new ArrayList<>();
    for (int i = 0; i < 6; i++) six.add(item(p.device.keyPackage(30)));
    assertThat(rejected(p, six).code()).isEqualTo(ErrorCode.BATCH_TOO_LARGE);
    assertThat(p.client.call(new ClientFrame.UploadKeyPackages(six.subList(0, 5)), ServerFrame.KeyPackagesUploaded.class, Peer.T)
        .oneTimeCount()).isEqualTo(5);
    p.upload(5);
    ServerFrame.Error quota = rejected(p, List.of(item(p.device.keyPackage(30)), item(p.device.keyPackage(30)),
        item(p.device.keyPackage(30))));
    assertThat(quota.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(count(p).oneTimeCount()).isEqualTo(10);
    p.close();
  }

  @Test
  @DisplayName("KP-4 KP-5 a repeated init key is DUPLICATE_INIT_KEY; the refs the gateway returns are RefHash of each KeyPackage, in order")
  void initKeysAreUniqueAndRefsComputed() throws Exception {
    Peer p = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    byte[] one = p.device.keyPackage(30);
    byte[] two = p.device.keyPackage(30);
    ServerFrame.Error twice = rejected(p, List.of(item(one), item(one)));
    assertThat(twice.keyPackageReason()).isEqualTo(KeyPackageRejection.DUPLICATE_INIT_KEY);
    assertThat(twice.itemIndex()).hasValue(1);
    ServerFrame.KeyPackagesUploaded ok = p.client.call(new ClientFrame.UploadKeyPackages(List.of(item(one), item(two))),
        ServerFrame.KeyPackagesUploaded.class, Peer.T);
    CipherSuite suite = CipherSuite.of(1);
    assertThat(ok.refs().get(0)).isEqualTo(MlsCrypto.keyPackageRef(suite, (KeyPackage) MlsWire.parseMessage(one)));
    assertThat(ok.refs().get(1)).isEqualTo(MlsCrypto.keyPackageRef(suite, (KeyPackage) MlsWire.parseMessage(two)));
    ServerFrame.Error again = rejected(p, List.of(item(p.device.keyPackage(30)), item(two)));
    assertThat(again.keyPackageReason()).isEqualTo(KeyPackageRejection.DUPLICATE_INIT_KEY);
    assertThat(again.itemIndex()).hasValue(1);
    p.close();
  }

  @Test
  @DisplayName("KP-7 racing claims on two instances never get the same one-time KeyPackage")
  void racingClaimsGetDistinctPackages() throws Exception {
    Peer target = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    target.upload(5);
    target.upload(3);
    int claimers = 10;
    List<Peer> peers = new ArrayList<>();
    for (int i = 0; i < claimers; i++) peers.add(Peer.login(i % 2 == 0 ? gw : other, MlsDevice.newUser()).caughtUp());
    ExecutorService pool = Executors.newFixedThreadPool(claimers);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<Future<ServerFrame.KeyPackagesClaimed>> results = new ArrayList<>();
    for (Peer p : peers) results.add(pool.submit(() -> {
      go.await();
      return p.claim(target.device);
    }));
    go.countDown();
    Set<String> oneTime = new HashSet<>();
    int exhausted = 0;
    for (Future<ServerFrame.KeyPackagesClaimed> f : results) {
      ServerFrame.KeyPackagesClaimed c = f.get(30, TimeUnit.SECONDS);
      if (c.keyPackages().isEmpty()) {
        exhausted++;
        assertThat(c.exhausted()).containsExactly(target.device.key().device());
      } else {
        assertThat(oneTime.add(HexFormat.of().formatHex(c.keyPackages().getFirst().ref()))).as("a KeyPackage was handed out twice").isTrue();
      }
    }
    pool.shutdown();
    assertThat(oneTime).hasSize(8);
    assertThat(exhausted).isEqualTo(2);
    assertThat(count(target).oneTimeCount()).isZero();
    for (Peer p : peers) p.close();
    target.close();
  }

  @Test
  @DisplayName("KP-6 KP-8 a last-resort KeyPackage is returned only when the pool is empty, survives every claim, and a new one replaces it")
  void lastResortSurvives() throws Exception {
    Peer target = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    byte[] lastResort = target.device.keyPackage(30);
    ServerFrame.KeyPackagesUploaded up = target.client.call(new ClientFrame.UploadKeyPackages(List.of(
        new ClientFrame.KeyPackageUpload(lastResort, true), item(target.device.keyPackage(30)))), ServerFrame.KeyPackagesUploaded.class, Peer.T);
    assertThat(up.hasLastResort()).isTrue();
    assertThat(up.oneTimeCount()).isEqualTo(1);
    Peer a = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    Peer b = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    ServerFrame.ClaimedKeyPackage first = a.claim(target.device).keyPackages().getFirst();
    assertThat(first.lastResort()).isFalse();
    for (Peer claimer : List.of(a, b, b)) {
      ServerFrame.ClaimedKeyPackage c = claimer.claim(target.device).keyPackages().getFirst();
      assertThat(c.lastResort()).isTrue();
      assertThat(c.keyPackage()).isEqualTo(lastResort);
    }
    assertThat(count(target).hasLastResort()).isTrue();
    byte[] newer = target.device.keyPackage(30);
    target.client.call(new ClientFrame.UploadKeyPackages(List.of(new ClientFrame.KeyPackageUpload(newer, true))),
        ServerFrame.KeyPackagesUploaded.class, Peer.T);
    Peer c = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    assertThat(c.claim(target.device).keyPackages().getFirst().keyPackage()).as("the new last resort replaced the old").isEqualTo(newer);
    for (Peer p : List.of(target, a, b, c)) p.close();
  }

  @Test
  @DisplayName("KP-7 a claim of all devices of a user returns one KeyPackage per device, never the claimer's own device")
  void claimSkipsTheClaimersOwnDevice() throws Exception {
    MlsDevice first = MlsDevice.newUser();
    Peer one = Peer.login(gw, first).caughtUp();
    Peer two = Peer.login(gw, first.anotherDevice()).caughtUp();
    one.upload(1);
    two.upload(1);
    ServerFrame.KeyPackagesClaimed claimed = one.claim(first);
    assertThat(claimed.keyPackages()).extracting(ServerFrame.ClaimedKeyPackage::device).containsExactly(two.device.key().device());
    assertThat(claimed.exhausted()).isEmpty();
    one.close();
    two.close();
  }

  @Test
  @DisplayName("KP-9 an expired KeyPackage is never returned and is purged")
  void expiredPackagesAreNeverReturned() throws Exception {
    Peer target = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    target.upload(2);
    Peer claimer = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    CLOCK.advance(Duration.ofDays(31));
    try {
      ServerFrame.KeyPackagesClaimed c = claimer.claim(target.device);
      assertThat(c.keyPackages()).isEmpty();
      assertThat(c.exhausted()).containsExactly(target.device.key().device());
      assertThat(count(target).oneTimeCount()).isZero();
      gw.gateway().prune().await(10, TimeUnit.SECONDS);
      assertThat(gw.query("select count(*) from key_packages where user_id = ?", target.device.key().user().bytes())).isEqualTo(0L);
    } finally {
      CLOCK.advance(Duration.ofDays(-31));
    }
    target.close();
    claimer.close();
  }

  @Test
  @DisplayName("KP-11 claims over GATEWAY_CLAIM_RATE per window are RATE_LIMITED with retry_after_ms and take nothing")
  void claimsAreRateLimited() throws Exception {
    Peer target = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    target.upload(5);
    Peer greedy = Peer.login(other, MlsDevice.newUser()).caughtUp();
    for (int i = 0; i < 3; i++) greedy.claim(target.device);
    ServerFrame.Error e = greedy.error(greedy.client.request(new ClientFrame.ClaimKeyPackages(target.device.key().user(), List.of(), 1),
        Peer.T));
    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(e.retryAfterMs()).isPositive();
    assertThat(count(target).oneTimeCount()).isEqualTo(2);
    target.close();
    greedy.close();
  }

  @Test
  @DisplayName("KP-10 GetKeyPackageCount reports every accepted suite with the watermark; a claim below it pushes KeyPackagesLow")
  void countsAndLowSignal() throws Exception {
    Peer target = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    target.upload(3);
    ServerFrame.KeyPackageCount count = target.client.call(new ClientFrame.GetKeyPackageCount(), ServerFrame.KeyPackageCount.class, Peer.T);
    assertThat(count.lowWatermark()).isEqualTo(10);
    assertThat(count.suites()).containsExactly(new ServerFrame.SuiteCount(1, 3, false));
    Peer claimer = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    claimer.claimOne(target.device);
    ServerFrame.KeyPackagesLow low = target.client.take(m -> m.frame() instanceof ServerFrame.KeyPackagesLow l && l.oneTimeCount() == 2,
        Peer.T).frame() instanceof ServerFrame.KeyPackagesLow l ? l : null;
    assertThat(low).isNotNull();
    target.close();
    claimer.close();
  }
}
