package io.wya.gateway.protocol;

import java.util.Arrays;

/// A conversation: its MLS group_id (WYA clients use 32 random bytes).
public record ConvId(byte[] bytes) {
  /// Smallest accepted length in bytes.
  public static final int MIN_LENGTH = 16;
  /// Largest accepted length in bytes.
  public static final int MAX_LENGTH = 64;

  /// @throws IllegalArgumentException when the length is outside [MIN_LENGTH, MAX_LENGTH] (FRM-4)
  public ConvId {
    bytes = OpaqueIds.checkedCopy("conv_id", bytes, MIN_LENGTH, MAX_LENGTH);
  }

  /// A copy of the bytes.
  @Override public byte[] bytes() { return bytes.clone(); }

  /// The bytes without copying; callers must not modify them.
  public byte[] unsafeBytes() { return bytes; }

  public String hex() { return OpaqueIds.hex(bytes); }

  @Override public boolean equals(Object o) { return o instanceof ConvId other && Arrays.equals(bytes, other.bytes); }

  @Override public int hashCode() { return Arrays.hashCode(bytes); }

  @Override public String toString() { return "ConvId[" + hex() + "]"; }
}
