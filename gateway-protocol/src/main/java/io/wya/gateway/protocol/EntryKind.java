package io.wya.gateway.protocol;

/// What a delivered log entry is, for its recipient (GATEWAY_SPEC §8.1).
public enum EntryKind {
  APPLICATION(1), PROPOSAL(2), COMMIT(3), WELCOME(4), RESET(5);

  private final int code;

  EntryKind(int code) { this.code = code; }

  public int code() { return code; }

  public static EntryKind of(int code) {
    for (EntryKind k : values()) if (k.code == code) return k;
    return null;
  }
}
