package io.wya.mls.wire;

import io.wya.mls.wire.MlsWireException.Reason;

/// Entry points of the hardened parser. Every method checks the size cap before reading, parses
/// strictly and rejects trailing bytes (GATEWAY_SPEC §14, PARSE-1…4). Thread-safe and stateless.
public final class MlsWire {
  private MlsWire() {}

  /// Parses one `MLSMessage` (version, wire format and body).
  public static MlsMessage parseMessage(byte[] bytes, MlsLimits limits) throws MlsWireException {
    return parse(bytes, limits, MlsParser::mlsMessage, "MLSMessage");
  }

  /// Parses one `MLSMessage` under [MlsLimits#DEFAULT].
  public static MlsMessage parseMessage(byte[] bytes) throws MlsWireException {
    return parseMessage(bytes, MlsLimits.DEFAULT);
  }

  /// Parses a bare `KeyPackage` (no `MLSMessage` header).
  public static KeyPackage parseKeyPackage(byte[] bytes, MlsLimits limits) throws MlsWireException {
    return parse(bytes, limits, MlsParser::keyPackage, "KeyPackage");
  }

  /// Parses a bare `LeafNode`.
  public static LeafNode parseLeafNode(byte[] bytes, MlsLimits limits) throws MlsWireException {
    return parse(bytes, limits, MlsParser::leafNode, "LeafNode");
  }

  /// Parses a bare `Proposal` (with its proposal_type).
  public static Proposal parseProposal(byte[] bytes, MlsLimits limits) throws MlsWireException {
    return parse(bytes, limits, MlsParser::proposal, "Proposal");
  }

  /// Parses the body of a proposal of the given type (the encoding without proposal_type, as the
  /// RFC 9420 `messages` test vectors hold them).
  public static Proposal parseProposalBody(int proposalType, byte[] bytes, MlsLimits limits) throws MlsWireException {
    return parse(bytes, limits, r -> MlsParser.proposalBody(r, proposalType, 0), "Proposal body");
  }

  /// Parses a bare `Commit`.
  public static Commit parseCommit(byte[] bytes, MlsLimits limits) throws MlsWireException {
    return parse(bytes, limits, MlsParser::commit, "Commit");
  }

  /// Reads one RFC 9420 §2.1.2 varint that must fill `bytes` exactly (minimal encoding).
  public static int parseVarint(byte[] bytes) throws MlsWireException {
    return parse(bytes, MlsLimits.DEFAULT, r -> r.varint("varint"), "varint");
  }

  private interface Step<T> {
    T apply(MlsReader reader) throws MlsWireException;
  }

  private static <T> T parse(byte[] bytes, MlsLimits limits, Step<T> step, String what) throws MlsWireException {
    if (bytes == null) throw new MlsWireException(Reason.TRUNCATED, 0, "no bytes");
    if (bytes.length > limits.maxMessageBytes()) {
      throw new MlsWireException(Reason.TOO_LARGE, 0, bytes.length + " bytes > cap " + limits.maxMessageBytes());
    }
    MlsReader reader = new MlsReader(bytes);
    T value = step.apply(reader);
    reader.expectEnd(what);
    return value;
  }

}
