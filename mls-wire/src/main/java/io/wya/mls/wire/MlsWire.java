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

  /// Parses a bare `GroupInfo` (as decrypted from a Welcome's `encrypted_group_info`).
  public static GroupInfo parseGroupInfo(byte[] bytes, MlsLimits limits) throws MlsWireException {
    return parse(bytes, limits, MlsParser::groupInfo, "GroupInfo");
  }

  /// Parses `GroupSecrets` (as decrypted from a Welcome's `EncryptedGroupSecrets`).
  public static GroupSecrets parseGroupSecrets(byte[] bytes, MlsLimits limits) throws MlsWireException {
    return parse(bytes, limits, MlsParser::groupSecrets, "GroupSecrets");
  }

  /// Parses the data of a `ratchet_tree` extension, checking the array shape as well.
  public static RatchetTree parseRatchetTree(byte[] bytes, MlsLimits limits) throws MlsWireException {
    return parse(bytes, limits, MlsParser::ratchetTree, "ratchet_tree");
  }

  /// Parses decrypted `SenderData` (exactly 12 bytes).
  public static SenderData parseSenderData(byte[] bytes) throws MlsWireException {
    return parse(bytes, MlsLimits.DEFAULT, MlsParser::senderData, "SenderData");
  }

  /// Parses a decrypted `PrivateMessageContent` of the given outer content type; padding must be
  /// zero bytes.
  public static PrivateMessageContent parsePrivateMessageContent(ContentType type, byte[] bytes, MlsLimits limits)
      throws MlsWireException {
    return parse(bytes, limits, r -> MlsParser.privateMessageContent(r, type), "PrivateMessageContent");
  }

  /// Parses the data of an `external_pub` extension: `HPKEPublicKey external_pub` with
  /// `opaque HPKEPublicKey<V>` (RFC 9420 §12.4.3.2), returning the key bytes.
  public static byte[] parseExternalPub(byte[] extensionData) throws MlsWireException {
    return parse(extensionData, MlsLimits.DEFAULT, r -> r.opaque("ExternalPub.external_pub"), "ExternalPub");
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
