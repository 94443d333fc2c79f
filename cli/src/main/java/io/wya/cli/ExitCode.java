package io.wya.cli;

import io.wya.client.ClientError;

/// The exit codes of `wya` (also printed by `wya --help`). Scripts can rely on them; the
/// machine-readable error name is in the `--json` output.
public enum ExitCode {
  OK(0, "success"),
  INTERNAL(1, "unexpected internal error (a bug; the message says where)"),
  USAGE(2, "bad command line or argument"),
  HOME(3, "the home directory has no identity (wya init), or already has one"),
  VAULT(4, "the vault did not open: passphrase missing or wrong, key file unsafe"),
  UNREACHABLE(5, "a server is unreachable (what you published is saved; sync sends it)"),
  REJECTED(6, "a server refused the request or answered nonsense"),
  BUSY(7, "another wya process holds this home (e.g. wya listen or wya tui)"),
  NOT_FOUND(8, "no such user, post or conversation on this device"),
  STATE(9, "local state unreadable (corrupt or an I/O error)"),
  MLS(10, "an MLS operation failed"),
  INTERRUPTED(130, "interrupted");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() { return code; }

  public String meaning() { return meaning; }

  public static ExitCode of(ClientError error) {
    return switch (error) {
      case NOT_INITIALIZED, ALREADY_INITIALIZED -> HOME;
      case PASSPHRASE_REQUIRED, WRONG_PASSPHRASE, INSECURE_KEY_FILE -> VAULT;
      case UNREACHABLE -> UNREACHABLE;
      case SERVER_REJECTED, BAD_RESPONSE, SESSION_ENDED -> REJECTED;
      case HOME_BUSY -> BUSY;
      case NOT_FOUND -> NOT_FOUND;
      case STATE_CORRUPT, IO -> STATE;
      case INVALID_ARGUMENT -> USAGE;
      case MLS -> MLS;
      case INTERRUPTED -> INTERRUPTED;
    };
  }

  /// The table for `--help`.
  public static String table() {
    StringBuilder s = new StringBuilder();
    for (ExitCode c : values()) s.append(String.format("  %3d  %s%n", c.code, c.meaning));
    return s.toString();
  }
}
