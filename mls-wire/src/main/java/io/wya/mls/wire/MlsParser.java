package io.wya.mls.wire;

import io.wya.mls.wire.MlsWireException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// The structure decoders of RFC 9420, one method per struct, all over an [MlsReader]. Strict:
/// closed enumerations are checked, every vector is consumed exactly by its elements, and the
/// caller checks that nothing follows the top-level structure.
final class MlsParser {
  static final int MLS10 = 1;

  private MlsParser() {}

  static MlsMessage mlsMessage(MlsReader r) throws MlsWireException {
    int at = r.position();
    int version = r.u16("MLSMessage.version");
    if (version != MLS10) throw new MlsWireException(Reason.UNSUPPORTED_VERSION, at, "version " + version);
    at = r.position();
    int code = r.u16("MLSMessage.wire_format");
    WireFormat format = WireFormat.of(code);
    if (format == null) throw new MlsWireException(Reason.UNKNOWN_WIRE_FORMAT, at, "wire_format " + code);
    return switch (format) {
      case PUBLIC_MESSAGE -> publicMessage(r);
      case PRIVATE_MESSAGE -> privateMessage(r);
      case WELCOME -> welcome(r);
      case GROUP_INFO -> groupInfo(r);
      case KEY_PACKAGE -> keyPackage(r);
    };
  }

  static PublicMessage publicMessage(MlsReader r) throws MlsWireException {
    int contentStart = r.position();
    FramedContent content = framedContent(r);
    byte[] signature = r.opaque("FramedContentAuthData.signature");
    Optional<byte[]> confirmationTag = content.contentType() == ContentType.COMMIT
        ? Optional.of(r.opaque("FramedContentAuthData.confirmation_tag")) : Optional.empty();
    byte[] contentAndAuth = r.slice(contentStart);
    Optional<byte[]> membershipTag = content.sender() instanceof Sender.Member
        ? Optional.of(r.opaque("PublicMessage.membership_tag")) : Optional.empty();
    byte[] authenticated = new byte[2 + contentAndAuth.length];
    authenticated[1] = (byte) WireFormat.PUBLIC_MESSAGE.code();
    System.arraycopy(contentAndAuth, 0, authenticated, 2, contentAndAuth.length);
    return new PublicMessage(content, signature, confirmationTag, membershipTag, authenticated);
  }

  static FramedContent framedContent(MlsReader r) throws MlsWireException {
    byte[] groupId = r.opaque("FramedContent.group_id");
    long epoch = r.u64("FramedContent.epoch");
    int senderAt = r.position();
    Sender sender = sender(r);
    byte[] authenticatedData = r.opaque("FramedContent.authenticated_data");
    ContentType type = contentType(r);
    Content body = switch (type) {
      case APPLICATION -> new Content.ApplicationData(r.opaque("FramedContent.application_data"));
      case PROPOSAL -> proposal(r);
      case COMMIT -> commit(r);
    };
    boolean allowed = switch (type) {
      case APPLICATION -> sender instanceof Sender.Member;
      case PROPOSAL -> !(sender instanceof Sender.NewMemberCommit);
      case COMMIT -> sender instanceof Sender.Member || sender instanceof Sender.NewMemberCommit;
    };
    if (!allowed) throw new MlsWireException(Reason.INVALID_STRUCTURE, senderAt, sender + " cannot send " + type);
    return new FramedContent(groupId, epoch, sender, authenticatedData, type, body);
  }

  static ContentType contentType(MlsReader r) throws MlsWireException {
    int at = r.position();
    int code = r.u8("content_type");
    ContentType type = ContentType.of(code);
    if (type == null) throw new MlsWireException(Reason.UNKNOWN_CONTENT_TYPE, at, "content_type " + code);
    return type;
  }

  static Sender sender(MlsReader r) throws MlsWireException {
    int at = r.position();
    int type = r.u8("Sender.sender_type");
    return switch (type) {
      case 1 -> new Sender.Member(r.u32("Sender.leaf_index"));
      case 2 -> new Sender.External(r.u32("Sender.sender_index"));
      case 3 -> new Sender.NewMemberProposal();
      case 4 -> new Sender.NewMemberCommit();
      default -> throw new MlsWireException(Reason.UNKNOWN_SENDER_TYPE, at, "sender_type " + type);
    };
  }

  static PrivateMessage privateMessage(MlsReader r) throws MlsWireException {
    byte[] groupId = r.opaque("PrivateMessage.group_id");
    long epoch = r.u64("PrivateMessage.epoch");
    ContentType type = contentType(r);
    byte[] authenticatedData = r.opaque("PrivateMessage.authenticated_data");
    byte[] senderData = r.opaque("PrivateMessage.encrypted_sender_data");
    byte[] ciphertext = r.opaque("PrivateMessage.ciphertext");
    return new PrivateMessage(groupId, epoch, type, authenticatedData, senderData, ciphertext);
  }

  static Welcome welcome(MlsReader r) throws MlsWireException {
    int suite = r.u16("Welcome.cipher_suite");
    MlsReader v = r.vector("Welcome.secrets");
    List<Welcome.EncryptedGroupSecrets> secrets = new ArrayList<>();
    while (v.hasRemaining()) {
      byte[] ref = v.opaque("EncryptedGroupSecrets.new_member");
      secrets.add(new Welcome.EncryptedGroupSecrets(ref, hpkeCiphertext(v)));
    }
    byte[] encryptedGroupInfo = r.opaque("Welcome.encrypted_group_info");
    return new Welcome(suite, secrets, encryptedGroupInfo);
  }

  static Commit.HpkeCiphertext hpkeCiphertext(MlsReader r) throws MlsWireException {
    return new Commit.HpkeCiphertext(r.opaque("HPKECiphertext.kem_output"), r.opaque("HPKECiphertext.ciphertext"));
  }

  static GroupInfo groupInfo(MlsReader r) throws MlsWireException {
    GroupInfo.GroupContext context = groupContext(r);
    List<Extension> extensions = extensions(r, "GroupInfo.extensions");
    byte[] confirmationTag = r.opaque("GroupInfo.confirmation_tag");
    long signer = r.u32("GroupInfo.signer");
    byte[] signature = r.opaque("GroupInfo.signature");
    return new GroupInfo(context, extensions, confirmationTag, signer, signature);
  }

  static GroupInfo.GroupContext groupContext(MlsReader r) throws MlsWireException {
    int at = r.position();
    int version = r.u16("GroupContext.version");
    if (version != MLS10) throw new MlsWireException(Reason.UNSUPPORTED_VERSION, at, "version " + version);
    int suite = r.u16("GroupContext.cipher_suite");
    byte[] groupId = r.opaque("GroupContext.group_id");
    long epoch = r.u64("GroupContext.epoch");
    byte[] treeHash = r.opaque("GroupContext.tree_hash");
    byte[] transcript = r.opaque("GroupContext.confirmed_transcript_hash");
    List<Extension> extensions = extensions(r, "GroupContext.extensions");
    return new GroupInfo.GroupContext(version, suite, groupId, epoch, treeHash, transcript, extensions);
  }

  static KeyPackage keyPackage(MlsReader r) throws MlsWireException {
    int start = r.position();
    int version = r.u16("KeyPackage.version");
    if (version != MLS10) throw new MlsWireException(Reason.UNSUPPORTED_VERSION, start, "version " + version);
    int suite = r.u16("KeyPackage.cipher_suite");
    byte[] initKey = r.opaque("KeyPackage.init_key");
    LeafNode leaf = leafNode(r);
    List<Extension> extensions = extensions(r, "KeyPackage.extensions");
    byte[] tbs = r.slice(start);
    byte[] signature = r.opaque("KeyPackage.signature");
    return new KeyPackage(version, suite, initKey, leaf, extensions, signature, tbs, r.slice(start));
  }

  static LeafNode leafNode(MlsReader r) throws MlsWireException {
    int start = r.position();
    byte[] encryptionKey = r.opaque("LeafNode.encryption_key");
    byte[] signatureKey = r.opaque("LeafNode.signature_key");
    Credential credential = credential(r);
    Capabilities capabilities = capabilities(r);
    int at = r.position();
    int sourceType = r.u8("LeafNode.leaf_node_source");
    LeafNodeSource source = switch (sourceType) {
      case 1 -> new LeafNodeSource.KeyPackageSource(r.u64("Lifetime.not_before"), r.u64("Lifetime.not_after"));
      case 2 -> new LeafNodeSource.UpdateSource();
      case 3 -> new LeafNodeSource.CommitSource(r.opaque("LeafNode.parent_hash"));
      default -> throw new MlsWireException(Reason.UNKNOWN_LEAF_NODE_SOURCE, at, "leaf_node_source " + sourceType);
    };
    List<Extension> extensions = extensions(r, "LeafNode.extensions");
    byte[] tbsPrefix = r.slice(start);
    byte[] signature = r.opaque("LeafNode.signature");
    return new LeafNode(encryptionKey, signatureKey, credential, capabilities, source, extensions, signature, tbsPrefix);
  }

  static Credential credential(MlsReader r) throws MlsWireException {
    int at = r.position();
    int type = r.u16("Credential.credential_type");
    return switch (type) {
      case Credential.BASIC -> new Credential.Basic(r.opaque("Credential.identity"));
      case Credential.X509 -> {
        MlsReader v = r.vector("Credential.certificates");
        List<byte[]> certificates = new ArrayList<>();
        while (v.hasRemaining()) certificates.add(v.opaque("Certificate.cert_data"));
        yield new Credential.X509Chain(certificates);
      }
      default -> throw new MlsWireException(Reason.UNKNOWN_CREDENTIAL_TYPE, at, "credential_type " + type);
    };
  }

  static Capabilities capabilities(MlsReader r) throws MlsWireException {
    return new Capabilities(u16List(r, "Capabilities.versions"), u16List(r, "Capabilities.cipher_suites"),
        u16List(r, "Capabilities.extensions"), u16List(r, "Capabilities.proposals"), u16List(r, "Capabilities.credentials"));
  }

  private static List<Integer> u16List(MlsReader r, String what) throws MlsWireException {
    MlsReader v = r.vector(what);
    List<Integer> out = new ArrayList<>();
    while (v.hasRemaining()) out.add(v.u16(what));
    return out;
  }

  static List<Extension> extensions(MlsReader r, String what) throws MlsWireException {
    MlsReader v = r.vector(what);
    List<Extension> out = new ArrayList<>();
    while (v.hasRemaining()) {
      int type = v.u16("Extension.extension_type");
      out.add(new Extension(type, v.opaque("Extension.extension_data")));
    }
    return out;
  }

  static Proposal proposal(MlsReader r) throws MlsWireException {
    int at = r.position();
    int type = r.u16("Proposal.proposal_type");
    return proposalBody(r, type, at);
  }

  static Proposal proposalBody(MlsReader r, int type, int at) throws MlsWireException {
    return switch (type) {
      case 1 -> new Proposal.Add(keyPackage(r));
      case 2 -> new Proposal.Update(leafNode(r));
      case 3 -> new Proposal.Remove(r.u32("Remove.removed"));
      case 4 -> new Proposal.PreSharedKey(preSharedKeyId(r));
      case 5 -> {
        byte[] groupId = r.opaque("ReInit.group_id");
        int version = r.u16("ReInit.version");
        int suite = r.u16("ReInit.cipher_suite");
        yield new Proposal.ReInit(groupId, version, suite, extensions(r, "ReInit.extensions"));
      }
      case 6 -> new Proposal.ExternalInit(r.opaque("ExternalInit.kem_output"));
      case 7 -> new Proposal.GroupContextExtensions(extensions(r, "GroupContextExtensions.extensions"));
      default -> throw new MlsWireException(Reason.UNKNOWN_PROPOSAL_TYPE, at, "proposal_type " + type);
    };
  }

  static PreSharedKeyId preSharedKeyId(MlsReader r) throws MlsWireException {
    int at = r.position();
    int type = r.u8("PreSharedKeyID.psktype");
    switch (type) {
      case 1 -> {
        byte[] id = r.opaque("PreSharedKeyID.psk_id");
        return new PreSharedKeyId.External(id, r.opaque("PreSharedKeyID.psk_nonce"));
      }
      case 2 -> {
        int usageAt = r.position();
        int usage = r.u8("PreSharedKeyID.usage");
        if (usage < 1 || usage > 3) throw new MlsWireException(Reason.UNKNOWN_PSK_TYPE, usageAt, "resumption usage " + usage);
        byte[] groupId = r.opaque("PreSharedKeyID.psk_group_id");
        long epoch = r.u64("PreSharedKeyID.psk_epoch");
        return new PreSharedKeyId.Resumption(usage, groupId, epoch, r.opaque("PreSharedKeyID.psk_nonce"));
      }
      default -> throw new MlsWireException(Reason.UNKNOWN_PSK_TYPE, at, "psktype " + type);
    }
  }

  static GroupSecrets groupSecrets(MlsReader r) throws MlsWireException {
    byte[] joinerSecret = r.opaque("GroupSecrets.joiner_secret");
    Optional<byte[]> pathSecret = r.optional("GroupSecrets.path_secret")
        ? Optional.of(r.opaque("PathSecret.path_secret")) : Optional.empty();
    MlsReader v = r.vector("GroupSecrets.psks");
    List<PreSharedKeyId> psks = new ArrayList<>();
    while (v.hasRemaining()) psks.add(preSharedKeyId(v));
    return new GroupSecrets(joinerSecret, pathSecret, psks);
  }

  /// `optional<Node> ratchet_tree<V>`. Beyond the syntax, the array shape is checked: leaves
  /// only at even indices, parents only at odd ones, an odd number of entries, and no trailing
  /// blank (RFC 9420 §12.4.3.3), so that no decoder downstream sees a tree it cannot lay out.
  static RatchetTree ratchetTree(MlsReader r) throws MlsWireException {
    int start = r.position();
    MlsReader v = r.vector("ratchet_tree");
    List<Optional<RatchetTree.Node>> nodes = new ArrayList<>();
    while (v.hasRemaining()) {
      int at = v.position();
      if (!v.optional("ratchet_tree.node")) {
        nodes.add(Optional.empty());
        continue;
      }
      int type = v.u8("Node.node_type");
      boolean leafSlot = nodes.size() % 2 == 0;
      if (type == 1 && leafSlot) {
        nodes.add(Optional.of(new RatchetTree.Leaf(leafNode(v))));
      } else if (type == 2 && !leafSlot) {
        byte[] key = v.opaque("ParentNode.encryption_key");
        byte[] parentHash = v.opaque("ParentNode.parent_hash");
        MlsReader unmerged = v.vector("ParentNode.unmerged_leaves");
        List<Long> leaves = new ArrayList<>();
        while (unmerged.hasRemaining()) leaves.add(unmerged.u32("ParentNode.unmerged_leaves"));
        nodes.add(Optional.of(new RatchetTree.Parent(key, parentHash, leaves)));
      } else {
        throw new MlsWireException(Reason.INVALID_STRUCTURE, at,
            "node_type " + type + " at " + (leafSlot ? "leaf" : "parent") + " position " + nodes.size());
      }
    }
    if (nodes.isEmpty() || nodes.size() % 2 == 0 || nodes.getLast().isEmpty()) {
      throw new MlsWireException(Reason.INVALID_STRUCTURE, start, "ratchet tree of " + nodes.size() + " nodes ending "
          + (nodes.isEmpty() || nodes.getLast().isEmpty() ? "blank" : "in a parent"));
    }
    return new RatchetTree(nodes);
  }

  static SenderData senderData(MlsReader r) throws MlsWireException {
    long leaf = r.u32("SenderData.leaf_index");
    long generation = r.u32("SenderData.generation");
    return new SenderData(leaf, generation, r.fixed(4, "SenderData.reuse_guard"));
  }

  /// `PrivateMessageContent` for the outer content type, then the padding, which RFC 9420
  /// §6.3.1 requires to be all zero.
  static PrivateMessageContent privateMessageContent(MlsReader r, ContentType type) throws MlsWireException {
    int start = r.position();
    Content content = switch (type) {
      case APPLICATION -> new Content.ApplicationData(r.opaque("PrivateMessageContent.application_data"));
      case PROPOSAL -> proposal(r);
      case COMMIT -> commit(r);
    };
    byte[] contentBytes = r.slice(start);
    byte[] signature = r.opaque("FramedContentAuthData.signature");
    Optional<byte[]> confirmationTag = type == ContentType.COMMIT
        ? Optional.of(r.opaque("FramedContentAuthData.confirmation_tag")) : Optional.empty();
    while (r.hasRemaining()) {
      int at = r.position();
      if (r.u8("PrivateMessageContent.padding") != 0) {
        throw new MlsWireException(Reason.INVALID_STRUCTURE, at, "non-zero padding");
      }
    }
    return new PrivateMessageContent(content, contentBytes, signature, confirmationTag);
  }

  static Commit commit(MlsReader r) throws MlsWireException {
    MlsReader v = r.vector("Commit.proposals");
    List<Commit.ProposalOrRef> proposals = new ArrayList<>();
    while (v.hasRemaining()) {
      int at = v.position();
      int type = v.u8("ProposalOrRef.type");
      switch (type) {
        case 1 -> proposals.add(new Commit.ProposalOrRef.ByValue(proposal(v)));
        case 2 -> proposals.add(new Commit.ProposalOrRef.ByReference(v.opaque("ProposalOrRef.reference")));
        default -> throw new MlsWireException(Reason.UNKNOWN_PROPOSAL_OR_REF_TYPE, at, "ProposalOrRefType " + type);
      }
    }
    Optional<Commit.UpdatePath> path = Optional.empty();
    if (r.optional("Commit.path")) {
      LeafNode leaf = leafNode(r);
      MlsReader nodes = r.vector("UpdatePath.nodes");
      List<Commit.UpdatePathNode> list = new ArrayList<>();
      while (nodes.hasRemaining()) {
        byte[] key = nodes.opaque("UpdatePathNode.encryption_key");
        MlsReader secrets = nodes.vector("UpdatePathNode.encrypted_path_secret");
        List<Commit.HpkeCiphertext> ciphertexts = new ArrayList<>();
        while (secrets.hasRemaining()) ciphertexts.add(hpkeCiphertext(secrets));
        list.add(new Commit.UpdatePathNode(key, ciphertexts));
      }
      path = Optional.of(new Commit.UpdatePath(leaf, list));
    }
    return new Commit(proposals, path);
  }
}
