package io.wya.gateway.protocol;

/// Why a KeyPackage upload item was refused (`Error.key_package_reason`, GATEWAY_SPEC §6).
public enum KeyPackageRejection {
  MALFORMED(1), NOT_A_KEY_PACKAGE(2), UNSUPPORTED_SUITE(3), WRONG_LEAF_NODE_SOURCE(4), NOT_YET_VALID(5), EXPIRED(6),
  LIFETIME_TOO_LONG(7), INIT_KEY_EQUALS_ENCRYPTION_KEY(8), CAPABILITIES_INCOMPLETE(9), BAD_LEAF_SIGNATURE(10),
  BAD_KEY_PACKAGE_SIGNATURE(11), UNSUPPORTED_CREDENTIAL(12), IDENTITY_MISMATCH(13), DUPLICATE_INIT_KEY(14);

  private final int code;

  KeyPackageRejection(int code) { this.code = code; }

  public int code() { return code; }

  public static KeyPackageRejection of(int code) {
    for (KeyPackageRejection r : values()) if (r.code == code) return r;
    return null;
  }
}
