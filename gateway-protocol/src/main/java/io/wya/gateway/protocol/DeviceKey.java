package io.wya.gateway.protocol;

import java.util.Arrays;

/// A device, globally: `(user_id, device_id)`. Its 48-byte form `user_id ‖ device_id` is the
/// identity of the device's MLS BasicCredential (GATEWAY_SPEC §1).
public record DeviceKey(UserId user, DeviceId device) {
  /// Length of [#mlsIdentity()].
  public static final int MLS_IDENTITY_LENGTH = UserId.MIN_LENGTH + DeviceId.MIN_LENGTH;

  public DeviceKey {
    if (user == null || device == null) throw new IllegalArgumentException("user and device are required");
  }

  /// `user_id ‖ device_id`.
  public byte[] mlsIdentity() {
    byte[] out = Arrays.copyOf(user.unsafeBytes(), MLS_IDENTITY_LENGTH);
    System.arraycopy(device.unsafeBytes(), 0, out, UserId.MIN_LENGTH, DeviceId.MIN_LENGTH);
    return out;
  }

  /// Splits a 48-byte MLS identity; throws IllegalArgumentException for any other length.
  public static DeviceKey fromMlsIdentity(byte[] identity) {
    if (identity == null || identity.length != MLS_IDENTITY_LENGTH) {
      throw new IllegalArgumentException("an MLS identity is " + MLS_IDENTITY_LENGTH + " bytes, got "
          + (identity == null ? "none" : identity.length));
    }
    return new DeviceKey(new UserId(Arrays.copyOf(identity, UserId.MIN_LENGTH)),
        new DeviceId(Arrays.copyOfRange(identity, UserId.MIN_LENGTH, MLS_IDENTITY_LENGTH)));
  }

  @Override public String toString() { return user.hex().substring(0, 12) + "…/" + device.hex(); }
}
