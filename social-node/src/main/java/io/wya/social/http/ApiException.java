package io.wya.social.http;

/// A request refused with a status, a machine-readable code and a message; stackless.
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static ApiException badParameter(String name, String why) {
    return new ApiException(400, "INVALID_PARAMETER", "query parameter '" + name + "': " + why);
  }

  public int status() { return status; }

  public String code() { return code; }
}
