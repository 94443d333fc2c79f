package io.wya.mls.wire;

import java.util.List;

/// A `Welcome` (RFC 9420 §12.4.3.1). The Delivery Service routes it by the KeyPackageRef of each
/// recipient ([#recipients()]).
public record Welcome(int cipherSuite, List<EncryptedGroupSecrets> secrets, byte[] encryptedGroupInfo) implements MlsMessage {
  public Welcome {
    secrets = List.copyOf(secrets);
  }

  @Override public WireFormat wireFormat() { return WireFormat.WELCOME; }

  /// The KeyPackageRefs of the new members, in order.
  public List<byte[]> recipients() { return secrets.stream().map(EncryptedGroupSecrets::newMember).toList(); }

  /// `EncryptedGroupSecrets`: one recipient.
  public record EncryptedGroupSecrets(byte[] newMember, Commit.HpkeCiphertext encryptedGroupSecrets) {}
}
