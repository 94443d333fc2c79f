package io.wya.client.gateway;

/// A connection attempt that did not produce a transport.
///
/// @param status       the HTTP status of a refusal, or 0 when the network failed first
/// @param retryAfterMs the refusal's `Retry-After`, or 0
public final class TransportException extends Exception {
  private final int status;
  private final long retryAfterMs;

  public TransportException(int status, long retryAfterMs, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }

  public int status() { return status; }

  public long retryAfterMs() { return retryAfterMs; }

  /// 429 / 503 (HTTP-2): the gateway is there but asks us to wait; another transport will not help.
  public boolean admissionRefused() { return status == 429 || status == 503; }
}
