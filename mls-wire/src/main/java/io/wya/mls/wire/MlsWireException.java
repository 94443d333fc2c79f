package io.wya.mls.wire;

/// Untrusted MLS bytes were rejected. Carries a machine-readable [Reason] and the byte offset (in
/// the caller's input) where parsing stopped, so that a server can answer with a precise error
/// code and a client can log something useful. Stackless: rejections are expected on a server's
/// hot path and the reason and offset say everything the stack would.
public final class MlsWireException extends Exception {
  /// Why the bytes were rejected.
  public enum Reason {
    /// The input is larger than the caller's cap ([MlsLimits#maxMessageBytes()]); nothing was read.
    TOO_LARGE,
    /// A length or fixed-size field runs past the end of its enclosing structure.
    TRUNCATED,
    /// A varint uses the reserved `11` prefix (RFC 9420 §2.1.2).
    INVALID_VARINT_PREFIX,
    /// A varint is longer than the shortest encoding of its value.
    NON_MINIMAL_VARINT,
    /// Bytes remain after the message (or after a structure that must fill its container).
    TRAILING_BYTES,
    /// `ProtocolVersion` is not `mls10`.
    UNSUPPORTED_VERSION,
    /// A `WireFormat` value that RFC 9420 does not define.
    UNKNOWN_WIRE_FORMAT,
    /// A `ContentType` value that RFC 9420 does not define.
    UNKNOWN_CONTENT_TYPE,
    /// A `SenderType` value that RFC 9420 does not define.
    UNKNOWN_SENDER_TYPE,
    /// A proposal type whose body cannot be parsed (not one of RFC 9420's seven).
    UNKNOWN_PROPOSAL_TYPE,
    /// `ProposalOrRefType` is neither `proposal` nor `reference`.
    UNKNOWN_PROPOSAL_OR_REF_TYPE,
    /// A credential type whose body cannot be parsed (not `basic` or `x509`).
    UNKNOWN_CREDENTIAL_TYPE,
    /// `LeafNodeSource` is not `key_package`, `update` or `commit`.
    UNKNOWN_LEAF_NODE_SOURCE,
    /// `PSKType` or `ResumptionPSKUsage` is not defined by RFC 9420.
    UNKNOWN_PSK_TYPE,
    /// An `optional<T>` presence byte other than 0 or 1.
    INVALID_OPTIONAL,
    /// A value combination RFC 9420 forbids (e.g. a membership tag for a non-member sender).
    INVALID_STRUCTURE
  }

  private final Reason reason;
  private final int offset;

  public MlsWireException(Reason reason, int offset, String detail) {
    super(reason + " at offset " + offset + (detail == null || detail.isEmpty() ? "" : ": " + detail), null, false, false);
    this.reason = reason;
    this.offset = offset;
  }

  /// The machine-readable reason.
  public Reason reason() { return reason; }

  /// Byte offset in the caller's input at which the problem was found.
  public int offset() { return offset; }
}
