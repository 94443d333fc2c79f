package io.wya.mls.wire;

/// One parsed `MLSMessage` (RFC 9420 §6): the body selected by its wire format. Produced only by
/// [MlsWire], so a value of this type has passed every structural check of GATEWAY_SPEC §14.
public sealed interface MlsMessage permits PublicMessage, PrivateMessage, Welcome, GroupInfo, KeyPackage {
  /// The wire format the message arrived with.
  WireFormat wireFormat();
}
