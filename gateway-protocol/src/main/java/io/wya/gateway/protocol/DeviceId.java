package io.wya.gateway.protocol;

import java.util.Arrays;

/// A device of a user: 16 random bytes chosen by the device.
public record DeviceId(byte[] bytes) {
  /// Smallest accepted length in bytes.
  public static final int MIN_LENGTH = 16;
  /// Largest accepted length in bytes.
  public static final int MAX_LENGTH = 16;

  /// @throws IllegalArgumentException when the length is outside [MIN_LENGTH, MAX_LENGTH] (FRM-4)
  public DeviceId {
    bytes = OpaqueIds.checkedCopy("device_id", bytes, MIN_LENGTH, MAX_LENGTH);
  }

  /// A copy of the bytes.
  @Override public byte[] bytes() { return bytes.clone(); }

  /// The bytes without copying; callers must not modify them.
  public byte[] unsafeBytes() { return bytes; }

  public String hex() { return OpaqueIds.hex(bytes); }

  @Override public boolean equals(Object o) { return o instanceof DeviceId other && Arrays.equals(bytes, other.bytes); }

  @Override public int hashCode() { return Arrays.hashCode(bytes); }

  @Override public String toString() { return "DeviceId[" + hex() + "]"; }
}
