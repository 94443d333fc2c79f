package io.wya.mls;

/// An MLS operation failed. Always carries an [MlsError]; the message adds a human-readable detail.
/// An operation that throws changes no persisted state.
public final class MlsException extends Exception {
  private final MlsError error;
  private final String detail;

  public MlsException(MlsError error, String detail) {
    this(error, detail, null);
  }

  public MlsException(MlsError error, String detail, Throwable cause) {
    super(error + (detail == null || detail.isEmpty() ? "" : ": " + detail), cause);
    this.error = error;
    this.detail = detail == null ? "" : detail;
  }

  /// The machine-readable reason.
  public MlsError error() { return error; }

  /// The human-readable detail (may be empty).
  public String detail() { return detail; }
}
