package io.wya.gateway.protocol;

/// A frame could not be decoded into the record model. Carries the request id when it could be
/// read (0 otherwise) and the error code to answer with (FRM-1, FRM-2, FRM-4). Stackless.
public final class FrameDecodeException extends Exception {
  private final long requestId;
  private final ErrorCode code;

  public FrameDecodeException(long requestId, ErrorCode code, String message) {
    super(message, null, false, false);
    this.requestId = requestId;
    this.code = code;
  }

  public long requestId() { return requestId; }

  public ErrorCode code() { return code; }
}
