package io.wya.mls;

import java.util.Arrays;
import java.util.HexFormat;

/// A device in WYA: `(user_id, device_id)`. Its MLS identity — the `identity` of its
/// BasicCredential — is exactly `user_id ‖ device_id`, 48 bytes (GATEWAY_SPEC §1).
///
/// @param userId   the user's 32-byte Ed25519 Polycentric system public key
/// @param deviceId 16 bytes chosen by the device
public record DeviceIdentity(byte[] userId, byte[] deviceId) {
  public static final int USER_ID_BYTES = 32;
  public static final int DEVICE_ID_BYTES = 16;
  public static final int MLS_IDENTITY_BYTES = USER_ID_BYTES + DEVICE_ID_BYTES;

  public DeviceIdentity {
    if (userId == null || userId.length != USER_ID_BYTES) throw new IllegalArgumentException("user_id must be 32 bytes");
    if (deviceId == null || deviceId.length != DEVICE_ID_BYTES) throw new IllegalArgumentException("device_id must be 16 bytes");
    userId = userId.clone();
    deviceId = deviceId.clone();
  }

  /// The identity of a BasicCredential, or an error naming why it is not a WYA device identity.
  public static DeviceIdentity fromMlsIdentity(byte[] identity) throws MlsException {
    if (identity == null || identity.length != MLS_IDENTITY_BYTES) {
      throw new MlsException(MlsError.INVALID_IDENTITY, "credential identity of " + (identity == null ? 0 : identity.length)
          + " bytes, expected " + MLS_IDENTITY_BYTES);
    }
    return new DeviceIdentity(Arrays.copyOf(identity, USER_ID_BYTES), Arrays.copyOfRange(identity, USER_ID_BYTES, MLS_IDENTITY_BYTES));
  }

  /// `user_id ‖ device_id`.
  public byte[] mlsIdentity() {
    byte[] out = Arrays.copyOf(userId, MLS_IDENTITY_BYTES);
    System.arraycopy(deviceId, 0, out, USER_ID_BYTES, DEVICE_ID_BYTES);
    return out;
  }

  @Override public byte[] userId() { return userId.clone(); }

  @Override public byte[] deviceId() { return deviceId.clone(); }

  /// Same user (any device).
  public boolean sameUser(byte[] otherUserId) { return Arrays.equals(userId, otherUserId); }

  @Override public boolean equals(Object o) {
    return o instanceof DeviceIdentity d && Arrays.equals(userId, d.userId) && Arrays.equals(deviceId, d.deviceId);
  }

  @Override public int hashCode() { return 31 * Arrays.hashCode(userId) + Arrays.hashCode(deviceId); }

  @Override public String toString() {
    return HexFormat.of().formatHex(userId, 0, 4) + "…/" + HexFormat.of().formatHex(deviceId, 0, 4) + "…";
  }
}
