package io.wya.mls;

/// Machine-readable reasons an MLS operation failed. Every [MlsException] and every
/// [Processed.Rejected] carries one; the CLI maps them to exit codes and messages.
public enum MlsError {
  // --- state and storage
  /// Another process holds the state directory's lock.
  STATE_LOCKED(false),
  /// The passphrase or key does not open the state (authentication of the key store failed).
  WRONG_PASSPHRASE(false),
  /// A state file failed authentication or does not decode: tampered, truncated or foreign.
  STATE_CORRUPT(false),
  /// A state file of a format or engine this build does not read.
  STATE_FORMAT_UNSUPPORTED(false),
  /// Reading or writing the state failed (disk full, permissions); retrying may succeed.
  STATE_IO(true),
  /// The MLS engine's library is not the version the state layout was written for.
  ENGINE_INCOMPATIBLE(false),
  /// The store holds no device state yet (create the client first) or another device's.
  NO_DEVICE_STATE(false),

  // --- caller errors
  /// No group with this id in this client's state.
  UNKNOWN_GROUP(false),
  /// A group with this id already exists in this client's state.
  GROUP_EXISTS(false),
  /// The group is no longer usable: this device was removed, or a Commit could not be applied.
  GROUP_INACTIVE(false),
  /// A Commit of ours is waiting for its echo; apply it (process the echo) or discard it first.
  COMMIT_PENDING(true),
  /// There is no pending Commit to discard or confirm.
  NO_PENDING_COMMIT(false),
  /// The device named is not a member of the group.
  NOT_A_MEMBER(false),
  /// The device of a KeyPackage is already a member (or appears twice in one request).
  ALREADY_MEMBER(false),
  /// The operation would remove this device itself (use `leave`).
  CANNOT_REMOVE_SELF(false),
  /// A KeyPackage failed validation (suite, lifetime, signatures, capabilities; see detail).
  INVALID_KEY_PACKAGE(false),
  /// A credential is not a BasicCredential of exactly `user_id ‖ device_id` (48 bytes).
  INVALID_IDENTITY(false),

  // --- untrusted input
  /// The bytes are not a well-formed MLS structure (mls-wire's reason and offset in the detail).
  MALFORMED_MESSAGE(false),
  /// The message is for another group.
  WRONG_GROUP(false),
  /// The message's epoch is neither the current one nor (for application messages) the previous.
  WRONG_EPOCH(false),
  /// The wire format or content is not accepted here (e.g. an application message as PublicMessage).
  WRONG_WIRE_FORMAT(false),
  /// The PublicMessage membership tag does not verify.
  MEMBERSHIP_TAG_INVALID(false),
  /// A signature (content, GroupInfo, leaf) does not verify.
  SIGNATURE_INVALID(false),
  /// A PrivateMessage does not decrypt.
  DECRYPTION_FAILED(false),
  /// The key for this generation was already used and deleted (a replay or a duplicate).
  KEY_ALREADY_USED(false),
  /// The sender's generation is further ahead than the configured ratchet window allows.
  GENERATION_TOO_FAR_AHEAD(false),
  /// The sender is not a member leaf of the group.
  UNKNOWN_SENDER(false),
  /// A Commit references a proposal this client has not received in this epoch.
  PROPOSAL_UNKNOWN(false),
  /// A proposal is invalid for this group (RFC 9420 §12.1 rules).
  PROPOSAL_INVALID(false),
  /// A Commit is invalid (proposal list, path, parent hash, confirmation tag; see detail).
  COMMIT_INVALID(false),
  /// A Commit from this device's own leaf that this client did not create (state was lost).
  OWN_COMMIT_UNKNOWN(false),
  /// An extension type the engine cannot represent where it would have to interpret it.
  UNSUPPORTED_EXTENSION(false),
  /// An MLS feature outside what WYA supports (external senders, PSKs, ReInit, other suites).
  UNSUPPORTED_FEATURE(false),
  /// A Welcome is not for any KeyPackage this device holds.
  NO_MATCHING_KEY_PACKAGE(false),
  /// A Welcome does not decrypt or its GroupInfo, tree or confirmation does not verify.
  WELCOME_INVALID(false),
  /// A GroupInfo does not verify or lacks what the operation needs (e.g. external_pub).
  GROUP_INFO_INVALID(false),

  /// The engine failed in a way that is a bug (ours or the engine's); the detail says where.
  INTERNAL(false);

  private final boolean retryable;

  MlsError(boolean retryable) { this.retryable = retryable; }

  /// True when the same call may succeed later without changing anything.
  public boolean retryable() { return retryable; }
}
