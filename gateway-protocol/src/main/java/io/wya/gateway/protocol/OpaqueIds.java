package io.wya.gateway.protocol;

import java.util.HexFormat;

/// What the opaque byte identifiers ([ConvId], [DeviceId], [MsgId], [UserId]) share: the length
/// check at the edge (FRM-4) and the hex form used in logs and keys.
final class OpaqueIds {
  private OpaqueIds() {}

  /// A private copy of `bytes`, after checking its length.
  ///
  /// @throws IllegalArgumentException naming `field` when the length is outside [min, max]
  static byte[] checkedCopy(String field, byte[] bytes, int min, int max) {
    if (bytes == null || bytes.length < min || bytes.length > max) {
      throw new IllegalArgumentException(field + " must be " + (min == max ? min + " bytes" : min + "-" + max + " bytes")
          + ", got " + (bytes == null ? "none" : bytes.length));
    }
    return bytes.clone();
  }

  static String hex(byte[] bytes) { return HexFormat.of().formatHex(bytes); }
}
