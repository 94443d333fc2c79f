package io.wya.mls.wire;

/// `ContentType` of RFC 9420 §6 (u8).
public enum ContentType {
  APPLICATION(1), PROPOSAL(2), COMMIT(3);

  private final int code;

  ContentType(int code) { this.code = code; }

  /// The value on the wire.
  public int code() { return code; }

  /// True for proposals and commits (RFC 9420 "handshake messages").
  public boolean isHandshake() { return this != APPLICATION; }

  static ContentType of(int code) {
    return switch (code) {
      case 1 -> APPLICATION;
      case 2 -> PROPOSAL;
      case 3 -> COMMIT;
      default -> null;
    };
  }
}
