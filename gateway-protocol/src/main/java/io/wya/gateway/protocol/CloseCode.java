package io.wya.gateway.protocol;

/// WebSocket close codes and their retry semantics (GATEWAY_SPEC §11). On SSE the same code
/// arrives in the final `Closing` frame.
public enum CloseCode {
  NORMAL(1000, RetryPolicy.NONE),
  GOING_AWAY(1001, RetryPolicy.RECONNECT_WITH_BACKOFF),
  MESSAGE_TOO_BIG(1009, RetryPolicy.RECONNECT_WITH_BACKOFF),
  INTERNAL_ERROR(1011, RetryPolicy.RECONNECT_WITH_BACKOFF),
  PROTOCOL_VIOLATION(4000, RetryPolicy.RECONNECT_WITH_BACKOFF),
  AUTH_FAILED(4001, RetryPolicy.DO_NOT_RECONNECT),
  AUTH_TIMEOUT(4002, RetryPolicy.RECONNECT_WITH_BACKOFF),
  HEARTBEAT_TIMEOUT(4003, RetryPolicy.RECONNECT_NOW),
  SESSION_REPLACED(4004, RetryPolicy.DO_NOT_RECONNECT),
  DEVICE_LIMIT(4005, RetryPolicy.DO_NOT_RECONNECT),
  PENALTY(4029, RetryPolicy.RECONNECT_AFTER_DELAY),
  TOO_MANY_CONNECTIONS(4030, RetryPolicy.RECONNECT_AFTER_DELAY);

  private final int code;
  private final RetryPolicy retry;

  CloseCode(int code, RetryPolicy retry) {
    this.code = code;
    this.retry = retry;
  }

  /// The numeric WebSocket close code.
  public int code() { return code; }

  public RetryPolicy retry() { return retry; }

  /// The close code with this number, or null.
  public static CloseCode of(int code) {
    for (CloseCode c : values()) if (c.code == code) return c;
    return null;
  }
}
