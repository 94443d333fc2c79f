package io.wya.mls.wire;

/// `WireFormat` of RFC 9420 §6 (u16).
public enum WireFormat {
  PUBLIC_MESSAGE(1), PRIVATE_MESSAGE(2), WELCOME(3), GROUP_INFO(4), KEY_PACKAGE(5);

  private final int code;

  WireFormat(int code) { this.code = code; }

  /// The value on the wire.
  public int code() { return code; }

  static WireFormat of(int code) {
    return switch (code) {
      case 1 -> PUBLIC_MESSAGE;
      case 2 -> PRIVATE_MESSAGE;
      case 3 -> WELCOME;
      case 4 -> GROUP_INFO;
      case 5 -> KEY_PACKAGE;
      default -> null;
    };
  }
}
