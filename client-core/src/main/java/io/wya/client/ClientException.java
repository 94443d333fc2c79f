package io.wya.client;

/// A failure with a machine-readable [ClientError]; the message is for people.
public final class ClientException extends RuntimeException {
  private final ClientError error;

  public ClientException(ClientError error, String message) {
    super(message);
    this.error = error;
  }

  public ClientException(ClientError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  public ClientError error() { return error; }
}
