package io.wya.social.ingest;

/// A rejected `POST /events`: the whole batch is refused and nothing of it is stored.
/// Stackless: rejections are expected input.
public final class IngestException extends RuntimeException {
  private final int status;
  private final String code;

  public IngestException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() { return status; }

  public String code() { return code; }
}
