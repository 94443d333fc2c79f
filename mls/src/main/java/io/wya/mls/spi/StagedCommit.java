package io.wya.mls.spi;

import io.wya.mls.MlsException;
import java.util.Optional;

/// A Commit created but not applied (RFC 9420 §14: creating a Commit must not change the
/// group). It is applied only when the Delivery Service echoes it back
/// ([EngineGroup#merge]) and discarded when another Commit wins the epoch.
public interface StagedCommit {
  /// The Commit `MLSMessage` (a PublicMessage).
  byte[] commit();

  /// The Welcome for the members it adds, if any.
  Optional<byte[]> welcome();

  /// The GroupInfo of the epoch the Commit creates (ratchet tree and external_pub included).
  byte[] groupInfo();

  /// The epoch the Commit was made in (the group moves to `epoch() + 1` when it is applied).
  long epoch();

  /// Opaque, secret; restored by [MlsEngine#restoreStagedCommit].
  byte[] serialize() throws MlsException;
}
