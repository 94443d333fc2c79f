package io.wya.mls;

import static io.wya.mls.MembershipTest.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.wya.mls.wire.Credential;
import io.wya.mls.wire.KeyPackage;
import io.wya.mls.wire.KeyPackageValidator;
import io.wya.mls.wire.LeafNodeSource;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.ValidatedKeyPackage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// This device's KeyPackages: what the gateway's upload check (KP-1, KP-2, KP-6) sees, last
/// resort, replenishment on the low-pool signal, expiry, and what a Welcome consumes.
class KeyPackagesTest {
  private static final KeyPackageValidator GATEWAY = new KeyPackageValidator(Set.of(1), Duration.ofDays(90), Duration.ofMinutes(5));

  @Test
  @DisplayName("KP-1 KP-2 B9 our KeyPackages pass the gateway's upload checks: bounded lifetime, 48-byte identity, valid signatures")
  void keyPackagesPassTheUploadChecks() throws Exception {
    TestDevice alice = TestDevice.of("alice", 1);
    List<KeyPackageOffer> offers = alice.client.newKeyPackages(3);
    for (KeyPackageOffer offer : offers) {
      KeyPackage kp = (KeyPackage) MlsWire.parseMessage(offer.keyPackage());
      ValidatedKeyPackage v = GATEWAY.validate(kp, alice.clock.instant());
      assertThat(v.ref()).isEqualTo(offer.ref());
      assertThat(((Credential.Basic) v.credential()).identity()).isEqualTo(alice.id.mlsIdentity());
      LeafNodeSource.KeyPackageSource lifetime = (LeafNodeSource.KeyPackageSource) kp.leafNode().source();
      assertThat(lifetime.notAfter() - lifetime.notBefore()).isEqualTo(Duration.ofDays(28).plusMinutes(5).toSeconds());
      assertThat(kp.hasLastResortExtension()).isFalse();
    }
    assertThat(offers).extracting(o -> o.ref().length).containsOnly(32);
    assertThat(alice.client.keyPackagesHeld()).isEqualTo(3);
  }

  @Test
  @DisplayName("KP-6 B3 the last-resort KeyPackage really carries extension 10 (not GREASE), is reused across groups and survives its Welcomes")
  void lastResortIsRealAndReusable() throws Exception {
    OrderingLog one = new OrderingLog();
    OrderingLog two = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    KeyPackageOffer lastResort = bob.client.lastResortKeyPackage();
    KeyPackage kp = (KeyPackage) MlsWire.parseMessage(lastResort.keyPackage());
    assertThat(kp.hasLastResortExtension()).isTrue();
    assertThat(kp.leafNode().capabilities().extensions()).contains(10);
    assertThat(GATEWAY.validate(kp, bob.clock.instant()).lastResortExtension()).isTrue();
    assertThat(bob.client.lastResortKeyPackage().ref()).isEqualTo(lastResort.ref());

    byte[] g1 = alice.client.createGroup().groupId();
    byte[] g2 = alice.client.createGroup().groupId();
    bob.join(one, alice.commit(alice.client.addMembers(g1, List.of(lastResort.keyPackage())), one));
    bob.join(two, alice.commit(alice.client.addMembers(g2, List.of(lastResort.keyPackage())), two));
    assertThat(bob.authenticator(g1)).isEqualTo(alice.authenticator(g1));
    assertThat(bob.authenticator(g2)).isEqualTo(alice.authenticator(g2));
    assertThat(bob.client.keyPackagesHeld()).isEqualTo(1);
  }

  @Test
  @DisplayName("KP-10 a low-pool signal tops the pool up to the target; a full pool asks for nothing")
  void replenishmentTopsUpThePool() throws Exception {
    TestDevice alice = TestDevice.of("alice", 1);
    assertThat(alice.client.replenishKeyPackages(10)).hasSize(MlsConfig.DEFAULTS.keyPackagePoolTarget() - 10);
    assertThat(alice.client.replenishKeyPackages(MlsConfig.DEFAULTS.keyPackagePoolTarget())).isEmpty();
    assertThat(alice.client.replenishKeyPackages(-5)).hasSize(MlsConfig.DEFAULTS.keyPackagePoolTarget());
    assertThat(alice.client.keyPackagesHeld()).isEqualTo(2 * MlsConfig.DEFAULTS.keyPackagePoolTarget() - 10);
  }

  @Test
  @DisplayName("a one-time KeyPackage is consumed by its Welcome (a second Welcome for it finds nothing); expired ones are purged")
  void oneTimeKeyPackagesAreConsumedAndExpire() throws Exception {
    OrderingLog one = new OrderingLog();
    OrderingLog two = new OrderingLog();
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] kp = bob.keyPackage();
    byte[] g1 = alice.client.createGroup().groupId();
    byte[] g2 = alice.client.createGroup().groupId();
    bob.join(one, alice.commit(alice.client.addMembers(g1, List.of(kp)), one));
    long seq = alice.commit(alice.client.addMembers(g2, List.of(kp)), two);
    assertThat(code(() -> bob.join(two, seq))).isEqualTo(MlsError.NO_MATCHING_KEY_PACKAGE);
    assertThat(bob.client.keyPackagesHeld()).isZero();

    bob.client.newKeyPackages(2);
    KeyPackageOffer lastResort = bob.client.lastResortKeyPackage();
    bob.clock.advance(Duration.ofDays(22));
    assertThat(bob.client.lastResortKeyPackage().ref()).as("rotated within a week of its end").isNotEqualTo(lastResort.ref());
    bob.clock.advance(Duration.ofDays(8));
    bob.restart();
    assertThat(bob.client.keyPackagesHeld()).as("only the rotated last-resort package is left").isEqualTo(1);
  }

  @Test
  @DisplayName("KeyPackages of others are validated before they are added: expired, foreign identity format")
  void invalidKeyPackagesAreRefused() throws Exception {
    TestDevice alice = TestDevice.of("alice", 1);
    TestDevice bob = TestDevice.of("bob", 1);
    byte[] g = alice.client.createGroup().groupId();
    byte[] kp = bob.keyPackage();
    byte[] shortIdentity = bob.engine.newKeyPackage(new byte[10], bob.engine.newSigningKey(), alice.clock.instant(),
        alice.clock.instant().plus(Duration.ofDays(1)), false).message();
    assertThat(code(() -> alice.client.addMembers(g, List.of(shortIdentity)))).isEqualTo(MlsError.INVALID_IDENTITY);
    alice.clock.advance(Duration.ofDays(40));
    assertThat(code(() -> alice.client.addMembers(g, List.of(kp)))).isEqualTo(MlsError.INVALID_KEY_PACKAGE);
    assertThat(code(() -> alice.client.addMembers(g, List.of(alice.client.groupInfo(g))))).isEqualTo(MlsError.INVALID_KEY_PACKAGE);
    assertThat(code(() -> alice.client.addMembers(g, List.of(new byte[] {0, 1, 0, 5})))).isEqualTo(MlsError.MALFORMED_MESSAGE);
  }
}
