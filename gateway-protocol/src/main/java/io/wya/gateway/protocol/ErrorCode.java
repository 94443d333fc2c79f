package io.wya.gateway.protocol;

/// The error table of GATEWAY_SPEC §10: one code per kind of rejection, whether a retry can
/// succeed, and the close that follows (null: the session stays open).
public enum ErrorCode {
  MALFORMED_FRAME(100, false, null),
  UNKNOWN_OPERATION(101, false, null),
  NOT_AUTHENTICATED(102, false, null),
  ALREADY_AUTHENTICATED(103, false, null),
  INVALID_ARGUMENT(104, false, null),
  FRAME_TOO_LARGE(105, false, null),
  AUTH_FAILED(200, false, CloseCode.AUTH_FAILED),
  RESUME_TOKEN_INVALID(201, false, null),
  DEVICE_LIMIT_REACHED(202, false, CloseCode.DEVICE_LIMIT),
  RATE_LIMITED(300, true, null),
  ENVELOPE_TOO_LARGE(301, false, null),
  BATCH_TOO_LARGE(302, false, null),
  TOO_MANY_CONNECTIONS(303, true, CloseCode.TOO_MANY_CONNECTIONS),
  QUOTA_EXCEEDED(304, false, null),
  MLS_MALFORMED(400, false, null),
  CONV_ID_MISMATCH(401, false, null),
  WRONG_WIRE_FORMAT(402, false, null),
  UNSUPPORTED_CIPHER_SUITE(403, false, null),
  UNSUPPORTED_MLS_FEATURE(404, false, null),
  KEY_PACKAGE_INVALID(405, false, null),
  CONVERSATION_NOT_FOUND(500, false, null),
  CONVERSATION_EXISTS(501, false, null),
  NOT_A_MEMBER(502, false, null),
  SENDER_MISMATCH(503, false, null),
  STALE_EPOCH(504, true, null),
  FUTURE_EPOCH(505, false, null),
  EPOCH_TOO_OLD(506, true, null),
  COMMIT_BUNDLE_INVALID(507, false, null),
  PROPOSAL_UNKNOWN(508, false, null),
  MEMBERSHIP_CHANGE_REJECTED(509, false, null),
  CONVERSATION_CLOSED(510, false, null),
  MSG_ID_CONFLICT(511, false, null),
  ACK_BEYOND_HEAD(512, false, null),
  FEDERATION_UNSUPPORTED(513, false, null),
  NOT_A_CONTACT(600, false, null),
  WATCHLIST_FULL(601, false, null),
  INTERNAL(900, true, null),
  UNAVAILABLE(901, true, null);

  private final int code;
  private final boolean retryable;
  private final CloseCode closes;

  ErrorCode(int code, boolean retryable, CloseCode closes) {
    this.code = code;
    this.retryable = retryable;
    this.closes = closes;
  }

  /// The number on the wire (`wya.gateway.v1.ErrorCode`).
  public int code() { return code; }

  /// True when the same request may succeed later (after a delay or after processing entries).
  public boolean retryable() { return retryable; }

  /// The close that follows this error, or null when the session stays open.
  public CloseCode closes() { return closes; }

  /// The code with this number, or null.
  public static ErrorCode of(int code) {
    for (ErrorCode c : values()) if (c.code == code) return c;
    return null;
  }
}
