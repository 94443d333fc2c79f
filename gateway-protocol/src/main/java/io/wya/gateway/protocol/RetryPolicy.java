package io.wya.gateway.protocol;

/// What a client does after a close (GATEWAY_SPEC §11).
public enum RetryPolicy {
  /// Nothing needed (normal close).
  NONE,
  /// Reconnect at once and resume.
  RECONNECT_NOW,
  /// Reconnect with exponential backoff and full jitter.
  RECONNECT_WITH_BACKOFF,
  /// Reconnect after `retry_after_ms`.
  RECONNECT_AFTER_DELAY,
  /// Do not reconnect automatically.
  DO_NOT_RECONNECT
}
