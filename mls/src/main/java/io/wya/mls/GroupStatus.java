package io.wya.mls;

/// Where this device stands in a group.
public enum GroupStatus {
  /// A member: can send and receive.
  ACTIVE,
  /// An external join was sent and waits for its echo.
  JOINING,
  /// A verified Commit removed this device (RFC 9420 §12.4.2; mls-notes B6).
  REMOVED,
  /// A Commit the gateway accepted could not be applied: this device's view diverged. Rejoin
  /// with [MlsClient#externalJoin] from the gateway's latest GroupInfo.
  BROKEN
}
