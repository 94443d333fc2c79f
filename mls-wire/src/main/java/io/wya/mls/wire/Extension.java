package io.wya.mls.wire;

import java.util.List;

/// An `Extension` (RFC 9420 §13): a type and opaque data; the parser never interprets the data.
///
/// @param type u16 extension type
/// @param data the extension_data bytes
public record Extension(int type, byte[] data) {
  /// application_id (RFC 9420).
  public static final int APPLICATION_ID = 1;
  /// ratchet_tree (RFC 9420).
  public static final int RATCHET_TREE = 2;
  /// required_capabilities (RFC 9420).
  public static final int REQUIRED_CAPABILITIES = 3;
  /// external_pub (RFC 9420).
  public static final int EXTERNAL_PUB = 4;
  /// external_senders (RFC 9420).
  public static final int EXTERNAL_SENDERS = 5;
  /// last_resort (draft-ietf-mls-extensions; used by OpenMLS, AIR, XMTP) on a KeyPackage.
  public static final int LAST_RESORT = 10;

  /// Types defined by RFC 9420 itself; a leaf need not list them in its capabilities.
  public static boolean isDefault(int type) { return type >= APPLICATION_ID && type <= EXTERNAL_SENDERS; }

  /// RFC 9420 §13.5 GREASE values (0x0A0A, 0x1A1A, … 0xEAEA).
  public static boolean isGrease(int type) { return type <= 0xFFFF && (type & 0x0F0F) == 0x0A0A && (type >> 8) == (type & 0xFF); }

  static boolean contains(List<Extension> extensions, int type) {
    for (Extension e : extensions) if (e.type() == type) return true;
    return false;
  }
}
