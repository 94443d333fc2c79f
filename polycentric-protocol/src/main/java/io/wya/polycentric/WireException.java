package io.wya.polycentric;

/// Bytes or parameters that do not form a valid Polycentric value. Carries a machine-readable
/// [#code()] for error responses; stackless, because rejections of untrusted input are expected.
public class WireException extends RuntimeException {
  private final String code;

  public WireException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /// A stable upper-snake-case identifier of the violated rule, e.g. `INVALID_SIGNATURE`.
  public String code() { return code; }
}
