package io.wya.mls;

import io.wya.mls.spi.GeneratedKeyPackage;
import io.wya.mls.spi.SigningKey;
import io.wya.mls.spi.StateReader;
import io.wya.mls.spi.StateWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/// The device's own state: identity, MLS signature key, and the private halves of the
/// KeyPackages it has published (one-time ones until a Welcome consumes them or they expire;
/// last-resort ones until they expire). Saved as the `device` blob.
final class DeviceState {
  private static final int FORMAT = 1;
  private static final int MAX_KEY_PACKAGES = 100_000;

  final String engineId;
  final DeviceIdentity device;
  final SigningKey signingKey;
  final List<GeneratedKeyPackage> keyPackages;

  DeviceState(String engineId, DeviceIdentity device, SigningKey signingKey, List<GeneratedKeyPackage> keyPackages) {
    this.engineId = engineId;
    this.device = device;
    this.signingKey = signingKey;
    this.keyPackages = new ArrayList<>(keyPackages);
  }

  Optional<GeneratedKeyPackage> byRef(byte[] ref) {
    for (GeneratedKeyPackage kp : keyPackages) if (Arrays.equals(kp.ref(), ref)) return Optional.of(kp);
    return Optional.empty();
  }

  /// The newest last-resort KeyPackage valid at least until `until`.
  Optional<GeneratedKeyPackage> lastResortValidUntil(Instant until) {
    return keyPackages.stream().filter(GeneratedKeyPackage::lastResort).filter(kp -> kp.notAfter().isAfter(until))
        .reduce((a, b) -> b);
  }

  /// Drops the KeyPackages that expired before `cutoff`; true when any was dropped.
  boolean purgeExpired(Instant cutoff) {
    return keyPackages.removeIf(kp -> kp.notAfter().isBefore(cutoff));
  }

  /// After a Welcome used it: a one-time package is gone, a last-resort one stays.
  boolean consume(byte[] ref) {
    return keyPackages.removeIf(kp -> !kp.lastResort() && Arrays.equals(kp.ref(), ref));
  }

  byte[] encode() {
    StateWriter w = new StateWriter().u8(FORMAT).string(engineId).bytes(device.userId()).bytes(device.deviceId())
        .bytes(signingKey.privateKey()).bytes(signingKey.publicKey()).u32(keyPackages.size());
    for (GeneratedKeyPackage kp : keyPackages) {
      w.bytes(kp.message()).bytes(kp.ref()).i64(kp.notAfter().getEpochSecond()).bool(kp.lastResort()).bytes(kp.privateState());
    }
    return w.toByteArray();
  }

  static DeviceState decode(byte[] blob) throws MlsException {
    StateReader r = new StateReader(blob);
    int format = r.u8("device format");
    if (format != FORMAT) throw new MlsException(MlsError.STATE_FORMAT_UNSUPPORTED, "device state format " + format);
    String engine = r.string("engine id");
    DeviceIdentity device;
    try {
      device = new DeviceIdentity(r.required("user id"), r.required("device id"));
    } catch (IllegalArgumentException e) {
      throw new MlsException(MlsError.STATE_CORRUPT, e.getMessage());
    }
    SigningKey key = new SigningKey(r.required("signature private key"), r.required("signature public key"));
    int n = r.count("KeyPackages", MAX_KEY_PACKAGES);
    List<GeneratedKeyPackage> kps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      kps.add(new GeneratedKeyPackage(r.required("KeyPackage"), r.required("ref"), Instant.ofEpochSecond(r.i64("not after")),
          r.bool("last resort"), r.required("KeyPackage private state")));
    }
    r.end("device state");
    return new DeviceState(engine, device, key, kps);
  }
}
