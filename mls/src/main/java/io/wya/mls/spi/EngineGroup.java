package io.wya.mls.spi;

import io.wya.mls.MlsException;
import io.wya.mls.wire.MlsMessage;
import java.util.List;

/// One group's protocol state in an engine, at its current epoch (plus whatever the engine keeps
/// to read late application messages of the previous epoch). Mutated by [#process] (secret-tree
/// ratchets, cached proposals) and [#encrypt]; a new instance for each epoch.
public interface EngineGroup {
  byte[] groupId();

  long epoch();

  /// This device's leaf index.
  int ownLeaf();

  /// The non-blank leaves, in leaf order.
  List<LeafInfo> leaves();

  /// RFC 9420 §8.7 epoch_authenticator: equal on every member of the same epoch.
  byte[] epochAuthenticator();

  /// RFC 9420 §8.5 MLS-Exporter.
  byte[] exportSecret(String label, byte[] context, int length) throws MlsException;

  /// A signed GroupInfo of the current epoch, with the ratchet tree and external_pub.
  byte[] groupInfo() throws MlsException;

  /// Creates a Commit without applying it.
  StagedCommit stageCommit(CommitPlan plan) throws MlsException;

  /// A Remove proposal for this device's own leaf (leaving; another member commits it).
  byte[] proposeSelfRemove() throws MlsException;

  /// Processes one delivered PublicMessage or PrivateMessage of this group. `parsed` is the
  /// strict parse of `bytes`.
  Incoming process(MlsMessage parsed, byte[] bytes) throws MlsException;

  /// The next epoch, from this device's own staged Commit (echoed by the Delivery Service).
  EngineGroup merge(StagedCommit staged) throws MlsException;

  /// An application message (PrivateMessage) for the current epoch.
  byte[] encrypt(byte[] plaintext, byte[] authenticatedData) throws MlsException;

  /// Opaque, secret; restored by [MlsEngine#restoreGroup].
  byte[] serialize() throws MlsException;
}
