package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import io.wya.mls.spi.CommitPlan;
import io.wya.mls.spi.EngineGroup;
import io.wya.mls.spi.Incoming;
import io.wya.mls.spi.LeafInfo;
import io.wya.mls.spi.StagedCommit;
import io.wya.mls.spi.StateReader;
import io.wya.mls.spi.StateWriter;
import io.wya.mls.wire.Commit;
import io.wya.mls.wire.Content;
import io.wya.mls.wire.ContentType;
import io.wya.mls.wire.MlsCrypto;
import io.wya.mls.wire.MlsMessage;
import io.wya.mls.wire.PrivateMessage;
import io.wya.mls.wire.Proposal;
import io.wya.mls.wire.PublicMessage;
import io.wya.mls.wire.Sender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.bouncycastle.mls.TreeKEM.LeafIndex;
import org.bouncycastle.mls.TreeKEM.LeafNode;
import org.bouncycastle.mls.TreeKEM.TreeKEMPublicKey;
import org.bouncycastle.mls.codec.AuthenticatedContent;
import org.bouncycastle.mls.codec.KeyPackage;
import org.bouncycastle.mls.codec.MLSMessage;
import org.bouncycastle.mls.protocol.CachedProposal;
import org.bouncycastle.mls.protocol.Group;

/// A group in the BouncyCastle engine: the bcmls `Group` of the current epoch, the read-only
/// keys of the previous epoch (B11), and the refs of proposals that would remove this device
/// (B6: bcmls refuses to hold them, and a removed member cannot process the Commit that removes
/// it — it detects its removal from the verified Commit instead).
final class BcGroup implements EngineGroup {
  private static final int FORMAT = 1;
  private static final int PAD_TO = 64;

  private final BcEngine engine;
  private final Group group;
  private final EpochKeys previous;
  private final List<byte[]> removalOfSelfRefs;
  private EpochKeys current;

  BcGroup(BcEngine engine, Group group, EpochKeys previous, List<byte[]> removalOfSelfRefs) {
    this.engine = engine;
    this.group = group;
    this.previous = previous;
    this.removalOfSelfRefs = new ArrayList<>(removalOfSelfRefs);
  }

  Group bcGroup() { return group; }

  @Override public byte[] groupId() { return group.getGroupID().clone(); }

  @Override public long epoch() { return group.getEpoch(); }

  @Override public int ownLeaf() { return group.getIndex().value(); }

  @Override
  public List<LeafInfo> leaves() {
    try (BcLock _ = BcLock.hold()) {
      List<LeafInfo> out = new ArrayList<>();
      TreeKEMPublicKey tree = group.getTree();
      for (int i = 0; i < tree.getSize().leafCount(); i++) {
        LeafNode leaf = tree.getLeafNode(new LeafIndex(i));
        if (leaf != null) out.add(new LeafInfo(i, leaf.getCredential().getIdentity().clone()));
      }
      return out;
    }
  }

  @Override public byte[] epochAuthenticator() { return group.getEpochAuthenticator().clone(); }

  @Override
  public byte[] exportSecret(String label, byte[] context, int length) throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      return group.getKeySchedule().MLSExporter(label, context, length);
    } catch (Exception e) {
      throw BcErrors.map(e, MlsError.INTERNAL, "MLS-Exporter");
    }
  }

  @Override
  public byte[] groupInfo() throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      return BcDecode.encode(group.getGroupInfo(true), "GroupInfo");
    } catch (MlsException e) {
      throw e;
    } catch (Exception e) {
      throw BcErrors.map(e, MlsError.INTERNAL, "signing a GroupInfo");
    }
  }

  private EpochKeys current() throws MlsException {
    if (current == null) current = EpochKeys.of(group);
    return current;
  }

  // ---------------------------------------------------------------- outgoing

  @Override
  public StagedCommit stageCommit(CommitPlan plan) throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      List<KeyPackage> adds = new ArrayList<>();
      for (byte[] message : plan.addKeyPackages()) adds.add(engine.keyPackageFromMessage(message));
      TreeKEMPublicKey tree = group.getTree();
      for (int leaf : plan.removeLeaves()) {
        if (leaf == ownLeaf()) throw new MlsException(MlsError.CANNOT_REMOVE_SELF, "leaf " + leaf + " is this device");
        if (leaf < 0 || leaf >= tree.getSize().leafCount() || tree.getLeafNode(new LeafIndex(leaf)) == null) {
          throw new MlsException(MlsError.NOT_A_MEMBER, "leaf " + leaf + " is blank");
        }
      }
      return BcCommitter.stage(group, adds, plan.removeLeaves(), plan.updatePath(), engine.random());
    }
  }

  @Override
  public byte[] proposeSelfRemove() throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      byte[] message = BcCommitter.selfRemove(group);
      PublicMessage parsed = (PublicMessage) engine.parse(message);
      remember(MlsCrypto.proposalRef(BcMessages.wireSuite(group.getSuite()), parsed));
      return message;
    }
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] authenticatedData) throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      int padding = (PAD_TO - plaintext.length % PAD_TO) % PAD_TO;
      MLSMessage message = group.protect(authenticatedData, plaintext, padding);
      byte[] bytes = BcDecode.encode(message, "application message");
      // our own key for this generation is not needed again: erase it now (forward secrecy;
      // the echo of this message is recognised by its sender data alone)
      PrivateMessage parsed = (PrivateMessage) engine.parse(bytes);
      long generation = BcMessages.senderData(group.getSuite(), current(), parsed).generation();
      BcMessages.erase(BcReflect.get(BcReflect.G_KEYS, group), org.bouncycastle.mls.codec.ContentType.APPLICATION, ownLeaf(),
          (int) generation);
      return bytes;
    } catch (MlsException e) {
      throw e;
    } catch (Exception e) {
      throw BcErrors.map(e, MlsError.INTERNAL, "encrypting an application message");
    }
  }

  @Override
  public EngineGroup merge(StagedCommit staged) throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      if (!(staged instanceof BcStagedCommit bc) || bc.external) {
        throw new MlsException(MlsError.INTERNAL, "not a staged Commit of this engine's group");
      }
      if (bc.epoch() != epoch() || !Arrays.equals(bc.next.getGroupID(), group.getGroupID())) {
        throw new MlsException(MlsError.NO_PENDING_COMMIT, "staged Commit of epoch " + bc.epoch() + ", group is at " + epoch());
      }
      BcStateCodec.trimResumptionPsks(bc.next, engine.resumptionPskEpochs());
      return new BcGroup(engine, bc.next, current(), List.of());
    }
  }

  // ---------------------------------------------------------------- incoming

  @Override
  public Incoming process(MlsMessage parsed, byte[] bytes) throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      return switch (parsed) {
        case PublicMessage pm -> processPublic(pm);
        case PrivateMessage pm -> processPrivate(pm);
        default -> throw new MlsException(MlsError.WRONG_WIRE_FORMAT, parsed.wireFormat() + " is not a group message");
      };
    }
  }

  private void checkGroup(byte[] groupId) throws MlsException {
    if (!Arrays.equals(groupId, group.getGroupID())) throw new MlsException(MlsError.WRONG_GROUP, "message for another group");
  }

  private Incoming processPublic(PublicMessage pm) throws MlsException {
    checkGroup(pm.groupId());
    if (pm.epoch() != epoch()) {
      throw new MlsException(MlsError.WRONG_EPOCH, pm.contentType() + " of epoch " + Long.toUnsignedString(pm.epoch())
          + ", group is at " + epoch());
    }
    if (pm.contentType() == ContentType.APPLICATION) {
      throw new MlsException(MlsError.WRONG_WIRE_FORMAT, "application data in a PublicMessage (RFC 9420 §6.2)");
    }
    int senderLeaf;
    byte[] signatureKey;
    switch (pm.sender()) {
      case Sender.Member(long leaf) -> {
        senderLeaf = (int) leaf;
        if (leaf == ownLeaf()) return ownPublic(pm);
        signatureKey = current().signatureKeys.get(senderLeaf);
        if (signatureKey == null) throw new MlsException(MlsError.UNKNOWN_SENDER, "leaf " + leaf + " is not a member");
      }
      case Sender.NewMemberCommit() -> {
        senderLeaf = -1;
        if (!(pm.content().body() instanceof Commit c) || c.path().isEmpty()) {
          throw new MlsException(MlsError.COMMIT_INVALID, "external Commit without an UpdatePath");
        }
        signatureKey = c.path().get().leafNode().signatureKey();
      }
      default -> throw new MlsException(MlsError.UNSUPPORTED_FEATURE, "sender " + pm.sender() + " (external senders are not supported)");
    }
    BcMessages.verifyPublic(group.getSuite(), group.getKeySchedule().membershipKey.value(), current().groupContext, signatureKey, pm);
    AuthenticatedContent auth = authenticated(pm.authenticatedContent(), pm.content().body());
    byte[] ref = pm.contentType() == ContentType.PROPOSAL ? MlsCrypto.proposalRef(BcMessages.wireSuite(group.getSuite()), pm) : null;
    return handle(auth, pm.content().body(), senderLeaf, ref);
  }

  /// A PublicMessage from our own leaf: our Commit's echo, or our leave proposal's.
  private Incoming ownPublic(PublicMessage pm) throws MlsException {
    if (pm.contentType() == ContentType.COMMIT) return new Incoming.OwnCommit(epoch());
    if (pm.content().body() instanceof Proposal.Remove(long removed) && removed == ownLeaf()) {
      remember(MlsCrypto.proposalRef(BcMessages.wireSuite(group.getSuite()), pm));
      return new Incoming.RemovalOfSelfProposed(ownLeaf());
    }
    throw new MlsException(MlsError.PROPOSAL_INVALID, "a proposal from this device's leaf that this client did not create");
  }

  private Incoming processPrivate(PrivateMessage pm) throws MlsException {
    checkGroup(pm.groupId());
    EpochKeys keys;
    if (pm.epoch() == epoch()) {
      keys = current();
    } else if (previous != null && pm.epoch() == previous.epoch && pm.contentType() == ContentType.APPLICATION) {
      keys = previous;
    } else {
      throw new MlsException(MlsError.WRONG_EPOCH, pm.contentType() + " of epoch " + Long.toUnsignedString(pm.epoch())
          + ", group is at " + epoch());
    }
    Object result = BcMessages.decryptPrivate(keys, pm, engine.limits(), engine.maxForwardRatchet());
    if (result instanceof BcMessages.Own) {
      return switch (pm.contentType()) {
        case APPLICATION -> new Incoming.OwnApplication(pm.epoch());
        case COMMIT -> new Incoming.OwnCommit(epoch());
        case PROPOSAL -> throw new MlsException(MlsError.PROPOSAL_INVALID, "an encrypted proposal from this device's leaf");
      };
    }
    BcMessages.Opened opened = (BcMessages.Opened) result;
    Content body = opened.content().content();
    if (body instanceof Content.ApplicationData(byte[] data)) {
      return new Incoming.Application(opened.leaf(), keys.identities.get(opened.leaf()).clone(), data, pm.authenticatedData(),
          pm.epoch());
    }
    AuthenticatedContent auth = authenticated(opened.authenticatedContent(), body);
    byte[] ref = pm.contentType() == ContentType.PROPOSAL
        ? MlsCrypto.refHash(BcMessages.wireSuite(group.getSuite()), MlsCrypto.PROPOSAL_REFERENCE.getBytes(StandardCharsets.US_ASCII),
        opened.authenticatedContent()) : null;
    return handle(auth, body, opened.leaf(), ref);
  }

  /// bcmls's view of an authenticated handshake, decoded from bytes mls-wire parsed and fixed
  /// up so that it re-encodes to exactly those bytes.
  private static AuthenticatedContent authenticated(byte[] encoded, Content body) throws MlsException {
    switch (body) {
      case Commit c -> BcExtensions.checkCommit(c);
      case Proposal p -> BcExtensions.checkProposal(p);
      default -> { }
    }
    AuthenticatedContent auth = BcDecode.decode(encoded, AuthenticatedContent.class, "handshake");
    switch (body) {
      case Commit c -> BcExtensions.fixCommit(auth.getContent().getCommit(), c);
      case Proposal p -> BcExtensions.fixProposal(auth.getContent().getProposal(), p);
      default -> { }
    }
    BcDecode.requireExactReencoding(auth, encoded, "handshake");
    return auth;
  }

  private Incoming handle(AuthenticatedContent auth, Content body, int senderLeaf, byte[] ref) throws MlsException {
    checkRemoves(body, senderLeaf);
    if (body instanceof Proposal p) {
      if (p instanceof Proposal.Remove(long removed) && removed == ownLeaf()) {
        remember(ref);
        return new Incoming.RemovalOfSelfProposed(senderLeaf);
      }
      try {
        group.handle(auth, null, null);
      } catch (Exception e) {
        throw BcErrors.map(e, MlsError.PROPOSAL_INVALID, "proposal from leaf " + senderLeaf);
      }
      OptionalInt target = p instanceof Proposal.Remove(long removed) ? OptionalInt.of((int) removed) : OptionalInt.empty();
      return new Incoming.ProposalStored(senderLeaf, p.type(), target);
    }
    Commit commit = (Commit) body;
    if (removesSelf(commit)) {
      byte[] committer = senderLeaf >= 0 ? current().identities.get(senderLeaf) : identityOf(commit.path().orElseThrow().leafNode());
      return new Incoming.Removed(committer.clone(), epoch());
    }
    requireKnownReferences(commit);
    Group next;
    try {
      next = group.handle(auth, null, null);
    } catch (Exception e) {
      throw BcErrors.map(e, MlsError.COMMIT_INVALID, "Commit from " + (senderLeaf < 0 ? "an external joiner" : "leaf " + senderLeaf));
    }
    if (next == null) throw new MlsException(MlsError.INTERNAL, "bcmls returned no state for a Commit");
    BcStateCodec.trimResumptionPsks(next, engine.resumptionPskEpochs());
    int committer = senderLeaf >= 0 ? senderLeaf : leafOf(next, commit.path().orElseThrow().leafNode().signatureKey());
    return new Incoming.CommitApplied(new BcGroup(engine, next, current(), List.of()), committer);
  }

  /// Before bcmls sees them: every Remove targets a member leaf (bcmls compares the uint32 leaf
  /// index as a signed int, B5), and an external Commit may only remove the joiner's own old leaf
  /// (RFC 9420 §12.4.3.2; bcmls 1.84 does not check whom it removes, B5).
  private void checkRemoves(Content body, int senderLeaf) throws MlsException {
    List<Proposal> byValue = new ArrayList<>();
    if (body instanceof Proposal p) byValue.add(p);
    if (body instanceof Commit c) {
      for (Commit.ProposalOrRef por : c.proposals()) if (por instanceof Commit.ProposalOrRef.ByValue(Proposal p)) byValue.add(p);
    }
    for (Proposal p : byValue) {
      if (!(p instanceof Proposal.Remove(long removed))) continue;
      byte[] identity = removed < Integer.MAX_VALUE ? current().identities.get((int) removed) : null;
      if (identity == null) throw new MlsException(MlsError.PROPOSAL_INVALID, "Remove of leaf " + removed + ", which is not a member");
      if (senderLeaf < 0 && body instanceof Commit c
          && !Arrays.equals(identity, identityOf(c.path().orElseThrow().leafNode()))) {
        throw new MlsException(MlsError.COMMIT_INVALID, "an external Commit removes leaf " + removed + ", which is not the joiner's");
      }
    }
  }

  /// The identity of a leaf's BasicCredential (empty for other credential types).
  private static byte[] identityOf(io.wya.mls.wire.LeafNode leaf) {
    return leaf.credential() instanceof io.wya.mls.wire.Credential.Basic(byte[] identity) ? identity : new byte[0];
  }

  private boolean removesSelf(Commit commit) {
    for (Commit.ProposalOrRef por : commit.proposals()) {
      switch (por) {
        case Commit.ProposalOrRef.ByValue(Proposal.Remove(long removed)) when removed == ownLeaf() -> {
          return true;
        }
        case Commit.ProposalOrRef.ByReference(byte[] ref) when known(removalOfSelfRefs, ref) -> {
          return true;
        }
        default -> { }
      }
    }
    return false;
  }

  /// bcmls silently drops a reference it does not know and then processes a different proposal
  /// list; we refuse instead.
  private void requireKnownReferences(Commit commit) throws MlsException {
    List<CachedProposal> pending = BcReflect.get(BcReflect.G_PENDING, group);
    List<byte[]> refs = new ArrayList<>();
    for (CachedProposal cp : pending) refs.add(BcReflect.get(BcReflect.CP_REF, cp));
    for (Commit.ProposalOrRef por : commit.proposals()) {
      if (por instanceof Commit.ProposalOrRef.ByReference(byte[] ref) && !known(refs, ref)) {
        throw new MlsException(MlsError.PROPOSAL_UNKNOWN, "the Commit references a proposal not received in epoch " + epoch());
      }
    }
  }

  private static boolean known(List<byte[]> refs, byte[] ref) {
    for (byte[] r : refs) if (Arrays.equals(r, ref)) return true;
    return false;
  }

  private void remember(byte[] ref) {
    if (!known(removalOfSelfRefs, ref)) removalOfSelfRefs.add(ref);
  }

  private static int leafOf(Group g, byte[] signatureKey) {
    TreeKEMPublicKey tree = g.getTree();
    for (int i = 0; i < tree.getSize().leafCount(); i++) {
      LeafNode leaf = tree.getLeafNode(new LeafIndex(i));
      if (leaf != null && Arrays.equals(leaf.getSignatureKey(), signatureKey)) return i;
    }
    return -1;
  }

  // ---------------------------------------------------------------- state

  @Override
  public byte[] serialize() throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      StateWriter w = new StateWriter().u8(FORMAT);
      BcStateCodec.writeGroup(w, group);
      w.bool(previous != null);
      if (previous != null) BcKeySetCodec.writeEpochKeys(w, previous);
      w.u32(removalOfSelfRefs.size());
      for (byte[] ref : removalOfSelfRefs) w.bytes(ref);
      return w.toByteArray();
    }
  }

  static BcGroup restore(BcEngine engine, byte[] state) throws MlsException {
    StateReader r = new StateReader(state);
    int format = r.u8("group format");
    if (format != FORMAT) throw new MlsException(MlsError.STATE_FORMAT_UNSUPPORTED, "bcmls group format " + format);
    Group g = BcStateCodec.readGroup(r);
    EpochKeys previous = r.bool("previous epoch") ? BcKeySetCodec.readEpochKeys(r) : null;
    int n = r.count("removal refs", 1 << 16);
    List<byte[]> refs = new ArrayList<>();
    for (int i = 0; i < n; i++) refs.add(r.required("removal ref"));
    r.end("group state");
    return new BcGroup(engine, g, previous, refs);
  }
}
