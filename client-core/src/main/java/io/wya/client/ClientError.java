package io.wya.client;

/// Why a client operation failed. The CLI maps each one to an exit code and a message; scripts
/// read the name from `--json` output.
public enum ClientError {
  /// The home directory has no identity yet (`wya init`).
  NOT_INITIALIZED,
  /// `init` on a home that already has an identity.
  ALREADY_INITIALIZED,
  /// The vault needs a passphrase and none was given (no `WYA_PASSPHRASE`, no terminal).
  PASSPHRASE_REQUIRED,
  /// The passphrase does not open the vault.
  WRONG_PASSPHRASE,
  /// The generated vault key file is readable by other users (it must be mode 0600).
  INSECURE_KEY_FILE,
  /// A stored record failed authentication or does not decode (tampered, truncated, foreign).
  STATE_CORRUPT,
  /// Another `wya` process holds the lock this operation needs.
  HOME_BUSY,
  /// Reading or writing the home directory failed.
  IO,
  /// A command argument is invalid (a user, post or room reference that does not parse, …).
  INVALID_ARGUMENT,
  /// A user, post or conversation that this client does not know.
  NOT_FOUND,
  /// A server could not be reached (connection refused, timeout, DNS).
  UNREACHABLE,
  /// A server answered with an error status or an error frame.
  SERVER_REJECTED,
  /// A server answered with something that is not a valid response (bad signature, bad encoding).
  BAD_RESPONSE,
  /// The gateway session ended and must not be retried automatically (auth failed, replaced, …).
  SESSION_ENDED,
  /// An MLS operation failed (the detail names the mls library's reason).
  MLS,
  /// The operation was interrupted.
  INTERRUPTED
}
