package io.wya.mls;

import io.wya.mls.spi.GeneratedKeyPackage;
import io.wya.mls.spi.MlsEngine;
import io.wya.mls.store.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// This device's KeyPackages: generation with bounded lifetimes, the last-resort one and its
/// rotation, pool replenishment, consumption by Welcomes and purging of expired private halves.
/// Every change is saved in the `device` blob before anything is returned.
final class KeyPackageBook {
  static final String DEVICE = "device";

  private final StateStore store;
  private final MlsEngine engine;
  private final MlsConfig config;
  private final Clock clock;
  private final DeviceState device;

  KeyPackageBook(StateStore store, MlsEngine engine, MlsConfig config, Clock clock, DeviceState device) {
    this.store = store;
    this.engine = engine;
    this.config = config;
    this.clock = clock;
    this.device = device;
  }

  List<KeyPackageOffer> newKeyPackages(int count) throws MlsException {
    if (count < 1 || count > config.maxKeyPackagesPerUpload()) {
      throw new IllegalArgumentException("count must be 1.." + config.maxKeyPackagesPerUpload());
    }
    List<KeyPackageOffer> out = new ArrayList<>();
    for (int i = 0; i < count; i++) out.add(offer(generate(false)));
    save();
    return out;
  }

  KeyPackageOffer lastResort() throws MlsException {
    Optional<GeneratedKeyPackage> current = device.lastResortValidUntil(clock.instant().plus(config.lastResortRotation()));
    if (current.isPresent()) return offer(current.get());
    GeneratedKeyPackage kp = generate(true);
    save();
    return offer(kp);
  }

  List<KeyPackageOffer> replenish(int oneTimeOnGateway) throws MlsException {
    int missing = Math.min(config.keyPackagePoolTarget() - Math.max(0, oneTimeOnGateway), config.maxKeyPackagesPerUpload());
    return missing <= 0 ? List.of() : newKeyPackages(missing);
  }

  /// A Welcome used `ref`: a one-time package is deleted, a last-resort one kept.
  void consumed(byte[] ref) throws MlsException {
    if (device.consume(ref)) save();
  }

  /// Drops private halves of KeyPackages that expired more than the grace period ago.
  void purgeExpired() throws MlsException {
    if (device.purgeExpired(clock.instant().minus(config.expiredKeyPackageGrace()))) save();
  }

  private GeneratedKeyPackage generate(boolean lastResort) throws MlsException {
    Instant now = clock.instant();
    GeneratedKeyPackage kp = engine.newKeyPackage(device.device.mlsIdentity(), device.signingKey, now.minus(config.clockSkew()),
        now.plus(config.keyPackageLifetime()), lastResort);
    device.keyPackages.add(kp);
    return kp;
  }

  private static KeyPackageOffer offer(GeneratedKeyPackage kp) {
    return new KeyPackageOffer(kp.message().clone(), kp.ref().clone(), kp.notAfter(), kp.lastResort());
  }

  private void save() throws MlsException {
    store.write(DEVICE, device.encode());
  }
}
