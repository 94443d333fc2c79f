package io.wya.gateway.keypackage;

import io.vertx.core.Future;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.UserId;
import java.time.Instant;
import java.util.List;

/// KeyPackages of registered devices (GATEWAY_SPEC §6).
public interface KeyPackageStore {
  /// A validated KeyPackage ready to store.
  ///
  /// @param message the `MLSMessage(KeyPackage)` bytes as uploaded (what a claim returns)
  record NewKeyPackage(byte[] ref, int cipherSuite, byte[] initKey, boolean lastResort, Instant notAfter, byte[] message) {}

  /// The outcome of [#store].
  sealed interface Stored {
    /// Everything was stored; the device's pool afterwards.
    record Ok(int oneTimeCount, boolean hasLastResort) implements Stored {}

    /// The item at `index` has an init key already stored (KP-4); nothing was stored.
    record DuplicateInitKey(int index) implements Stored {}

    /// The device would hold more than the quota of one-time packages (KP-3); nothing was stored.
    record QuotaExceeded(int current) implements Stored {}
  }

  /// One claimed KeyPackage and what is left of the pool of its suite.
  record Claimed(DeviceId device, byte[] message, byte[] ref, boolean lastResort, int oneTimeLeft) {}

  /// Pool of one suite.
  record SuiteCount(int cipherSuite, int oneTimeCount, boolean hasLastResort) {}

  /// Stores a batch atomically (KP-3, KP-4, KP-6): a last-resort item replaces the device's
  /// last-resort package of its suite; every ref is remembered as issued to `owner`.
  Future<Stored> store(DeviceKey owner, List<NewKeyPackage> batch, int maxOneTime, Instant now);

  /// Takes one unexpired one-time package of `device` in `suite` (deleting it in the same
  /// statement), else returns its last-resort package without deleting it, else null (KP-7, KP-8).
  Future<Claimed> claim(DeviceKey device, int suite, Instant now);

  /// The user's registered devices.
  Future<List<DeviceId>> devicesOf(UserId user);

  /// The device's unexpired pool per suite (only suites it has packages in).
  Future<List<SuiteCount>> counts(DeviceKey device, Instant now);

  /// Deletes expired packages (KP-9); returns how many.
  Future<Integer> purgeExpired(Instant now);

  /// Unexpired one-time and last-resort packages over all devices (metrics).
  Future<long[]> poolLevels(Instant now);
}
