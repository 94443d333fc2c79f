package io.wya.mls;

import java.time.Duration;

/// The client's limits and lifetimes, each with a safe default ([#DEFAULTS]).
///
/// @param keyPackageLifetime     lifetime of this device's KeyPackages (RFC 9420 §7.2 requires a
///                               bound; the gateway accepts at most 90 days, KP-1)
/// @param maxKeyPackageLifetime  longest lifetime accepted on a KeyPackage being added
/// @param clockSkew              tolerated clock difference (our `not_before` is backdated by it;
///                               a peer's may be this far in the future)
/// @param keyPackagePoolTarget   one-time KeyPackages the gateway should hold for this device;
///                               [MlsClient#replenishKeyPackages] tops the pool up to it
/// @param maxKeyPackagesPerUpload largest batch generated at once (GATEWAY_MAX_KEY_PACKAGES_PER_UPLOAD)
/// @param lastResortRotation     a last-resort KeyPackage closer than this to its end is replaced
/// @param expiredKeyPackageGrace private halves of expired KeyPackages are kept this long (a
///                               Welcome made just before expiry may still be in flight)
public record MlsConfig(Duration keyPackageLifetime, Duration maxKeyPackageLifetime, Duration clockSkew, int keyPackagePoolTarget,
                        int maxKeyPackagesPerUpload, Duration lastResortRotation, Duration expiredKeyPackageGrace) {
  public static final MlsConfig DEFAULTS = new MlsConfig(Duration.ofDays(28), Duration.ofDays(90), Duration.ofMinutes(5), 50, 100,
      Duration.ofDays(7), Duration.ofDays(1));

  public MlsConfig {
    if (keyPackageLifetime.compareTo(maxKeyPackageLifetime) > 0) {
      throw new IllegalArgumentException("keyPackageLifetime exceeds maxKeyPackageLifetime");
    }
    if (keyPackagePoolTarget < 0 || maxKeyPackagesPerUpload < 1) throw new IllegalArgumentException("bad KeyPackage pool sizes");
    if (lastResortRotation.compareTo(keyPackageLifetime) >= 0) {
      throw new IllegalArgumentException("lastResortRotation must be shorter than keyPackageLifetime");
    }
  }
}
