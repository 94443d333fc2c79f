package io.wya.devservices;

/// A failure the user can act on; the launcher prints its message and exits non-zero.
public final class LauncherException extends RuntimeException {
  public LauncherException(String message) { super(message); }

  public LauncherException(String message, Throwable cause) { super(message, cause); }
}
