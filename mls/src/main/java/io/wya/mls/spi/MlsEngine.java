package io.wya.mls.spi;

import io.wya.mls.MlsException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/// An MLS (RFC 9420) implementation behind the [io.wya.mls.MlsClient] facade. The facade owns
/// ordering (echo-before-apply, `seq` de-duplication), identities, KeyPackage bookkeeping and
/// persistence; an engine owns the protocol state of each group and turns it into opaque bytes
/// and back. The BouncyCastle engine is [io.wya.mls.bc.BcEngine]; an OpenMLS engine over FFM
/// would implement the same two interfaces.
///
/// Contract for every method: untrusted bytes have already passed `mls-wire`'s strict parser
/// (the parsed form is passed alongside); a method that throws leaves no observable change; an
/// engine is used by one thread at a time, and engines of one JVM must not disturb each other when
/// used from several threads at once (the BouncyCastle engine serialises itself: ADR 0305).
public interface MlsEngine {
  /// Identifies the engine and the layout of the state it writes ("bcmls-1.84/1"); stored with
  /// every state blob and checked on restore.
  String id();

  /// The RFC 9420 cipher suite this engine instance speaks.
  int cipherSuite();

  /// A new signature key pair for a device.
  SigningKey newSigningKey() throws MlsException;

  /// A KeyPackage for `identity`, valid from `notBefore` to `notAfter` (RFC 9420 §7.2 requires
  /// an application-defined maximum; the facade enforces it). With `lastResort`, the package
  /// carries the `last_resort` extension (type 10).
  GeneratedKeyPackage newKeyPackage(byte[] identity, SigningKey key, Instant notBefore, Instant notAfter, boolean lastResort)
      throws MlsException;

  /// A new group with this device as its only member (epoch 0).
  EngineGroup createGroup(byte[] groupId, byte[] identity, SigningKey key, Instant notBefore, Instant notAfter) throws MlsException;

  /// Joins from a Welcome addressed to one of this device's KeyPackages.
  Joined join(io.wya.mls.wire.Welcome parsed, byte[] welcome, SigningKey key, KeyPackageSecrets secrets) throws MlsException;

  /// Prepares an external Commit (RFC 9420 §12.4.3.2) from a GroupInfo; `removeLeaf` evicts a
  /// previous leaf of the same device (a rejoin after losing state); the joiner's KeyPackage is
  /// valid from `notBefore` to `notAfter`. Nothing is joined until the Commit is echoed and
  /// [#completeExternalJoin] is called.
  StagedCommit externalJoin(io.wya.mls.wire.GroupInfo parsed, byte[] groupInfo, byte[] identity, SigningKey key,
                            OptionalInt removeLeaf, Instant notBefore, Instant notAfter) throws MlsException;

  /// The group an external join produces once its Commit was accepted.
  EngineGroup completeExternalJoin(StagedCommit staged) throws MlsException;

  /// A group from [EngineGroup#serialize()].
  EngineGroup restoreGroup(byte[] state) throws MlsException;

  /// A staged Commit from [StagedCommit#serialize()].
  StagedCommit restoreStagedCommit(byte[] state) throws MlsException;

  /// Where a Welcome finds the private half of a KeyPackage: by KeyPackageRef, the engine blob
  /// [GeneratedKeyPackage#privateState()].
  interface KeyPackageSecrets {
    Optional<byte[]> privateState(byte[] keyPackageRef);
  }

  /// A group joined from a Welcome, and the KeyPackageRef the Welcome used.
  record Joined(EngineGroup group, byte[] keyPackageRef) {}
}
