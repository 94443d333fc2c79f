package io.wya.mls.wire;

import java.util.List;

/// Re-encodes parsed values (test only). `parse → encode` must reproduce the input byte for byte,
/// which proves that the parser kept every field and read nothing twice.
final class TestEncoder {
  private TestEncoder() {}

  static byte[] message(MlsMessage m) {
    TlsWriter w = new TlsWriter().u16(1).u16(m.wireFormat().code());
    switch (m) {
      case PublicMessage p -> publicMessage(w, p);
      case PrivateMessage p -> w.opaque(p.groupId()).u64(p.epoch()).u8(p.contentType().code()).opaque(p.authenticatedData())
          .opaque(p.encryptedSenderData()).opaque(p.ciphertext());
      case Welcome welcome -> {
        TlsWriter secrets = new TlsWriter();
        for (Welcome.EncryptedGroupSecrets s : welcome.secrets()) {
          secrets.opaque(s.newMember());
          hpke(secrets, s.encryptedGroupSecrets());
        }
        w.u16(welcome.cipherSuite()).vector(secrets).opaque(welcome.encryptedGroupInfo());
      }
      case GroupInfo g -> groupInfo(w, g);
      case KeyPackage kp -> keyPackage(w, kp);
    }
    return w.bytes();
  }

  private static void publicMessage(TlsWriter w, PublicMessage p) {
    FramedContent c = p.content();
    w.opaque(c.groupId()).u64(c.epoch());
    sender(w, c.sender());
    w.opaque(c.authenticatedData()).u8(c.contentType().code());
    switch (c.body()) {
      case Content.ApplicationData a -> w.opaque(a.data());
      case Proposal prop -> proposal(w, prop);
      case Commit commit -> commit(w, commit);
    }
    w.opaque(p.signature());
    p.confirmationTag().ifPresent(w::opaque);
    p.membershipTag().ifPresent(w::opaque);
  }

  private static void sender(TlsWriter w, Sender s) {
    switch (s) {
      case Sender.Member m -> w.u8(1).u32(m.leafIndex());
      case Sender.External e -> w.u8(2).u32(e.senderIndex());
      case Sender.NewMemberProposal n -> w.u8(3);
      case Sender.NewMemberCommit n -> w.u8(4);
    }
  }

  static void groupInfo(TlsWriter w, GroupInfo g) {
    GroupInfo.GroupContext c = g.groupContext();
    w.u16(c.version()).u16(c.cipherSuite()).opaque(c.groupId()).u64(c.epoch()).opaque(c.treeHash())
        .opaque(c.confirmedTranscriptHash());
    extensions(w, c.extensions());
    extensions(w, g.extensions());
    w.opaque(g.confirmationTag()).u32(g.signer()).opaque(g.signature());
  }

  static void keyPackage(TlsWriter w, KeyPackage kp) {
    w.u16(kp.version()).u16(kp.cipherSuite()).opaque(kp.initKey());
    leafNode(w, kp.leafNode());
    extensions(w, kp.extensions());
    w.opaque(kp.signature());
  }

  static void leafNode(TlsWriter w, LeafNode leaf) {
    w.opaque(leaf.encryptionKey()).opaque(leaf.signatureKey());
    switch (leaf.credential()) {
      case Credential.Basic b -> w.u16(1).opaque(b.identity());
      case Credential.X509Chain x -> {
        TlsWriter certs = new TlsWriter();
        x.certificates().forEach(certs::opaque);
        w.u16(2).vector(certs);
      }
    }
    Capabilities caps = leaf.capabilities();
    w.u16s(ints(caps.versions())).u16s(ints(caps.cipherSuites())).u16s(ints(caps.extensions()))
        .u16s(ints(caps.proposals())).u16s(ints(caps.credentials()));
    switch (leaf.source()) {
      case LeafNodeSource.KeyPackageSource k -> w.u8(1).u64(k.notBefore()).u64(k.notAfter());
      case LeafNodeSource.UpdateSource u -> w.u8(2);
      case LeafNodeSource.CommitSource c -> w.u8(3).opaque(c.parentHash());
    }
    extensions(w, leaf.extensions());
    w.opaque(leaf.signature());
  }

  static void proposal(TlsWriter w, Proposal p) {
    w.u16(p.type());
    proposalBody(w, p);
  }

  static void proposalBody(TlsWriter w, Proposal p) {
    switch (p) {
      case Proposal.Add a -> keyPackage(w, a.keyPackage());
      case Proposal.Update u -> leafNode(w, u.leafNode());
      case Proposal.Remove r -> w.u32(r.removedLeaf());
      case Proposal.PreSharedKey psk -> {
        switch (psk.pskId()) {
          case PreSharedKeyId.External e -> w.u8(1).opaque(e.pskId());
          case PreSharedKeyId.Resumption r -> w.u8(2).u8(r.usage()).opaque(r.pskGroupId()).u64(r.pskEpoch());
        }
        w.opaque(psk.pskId().nonce());
      }
      case Proposal.ReInit r -> {
        w.opaque(r.groupId()).u16(r.version()).u16(r.cipherSuite());
        extensions(w, r.extensions());
      }
      case Proposal.ExternalInit e -> w.opaque(e.kemOutput());
      case Proposal.GroupContextExtensions g -> extensions(w, g.extensions());
    }
  }

  static void commit(TlsWriter w, Commit c) {
    TlsWriter proposals = new TlsWriter();
    for (Commit.ProposalOrRef p : c.proposals()) {
      switch (p) {
        case Commit.ProposalOrRef.ByValue v -> {
          proposals.u8(1);
          proposal(proposals, v.proposal());
        }
        case Commit.ProposalOrRef.ByReference r -> proposals.u8(2).opaque(r.ref());
      }
    }
    w.vector(proposals);
    if (c.path().isEmpty()) {
      w.u8(0);
      return;
    }
    w.u8(1);
    leafNode(w, c.path().get().leafNode());
    TlsWriter nodes = new TlsWriter();
    for (Commit.UpdatePathNode n : c.path().get().nodes()) {
      nodes.opaque(n.encryptionKey());
      TlsWriter secrets = new TlsWriter();
      n.encryptedPathSecret().forEach(h -> hpke(secrets, h));
      nodes.vector(secrets);
    }
    w.vector(nodes);
  }

  private static void hpke(TlsWriter w, Commit.HpkeCiphertext h) {
    w.opaque(h.kemOutput()).opaque(h.ciphertext());
  }

  static void extensions(TlsWriter w, List<Extension> extensions) {
    TlsWriter inner = new TlsWriter();
    for (Extension e : extensions) inner.u16(e.type()).opaque(e.data());
    w.vector(inner);
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }
}
