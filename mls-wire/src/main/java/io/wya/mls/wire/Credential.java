package io.wya.mls.wire;

import java.util.List;

/// A leaf's `Credential` (RFC 9420 §5.3). Only the two types RFC 9420 defines can be parsed; any
/// other type is rejected because its body has no known length structure.
public sealed interface Credential {
  /// credential_type `basic` (1).
  int BASIC = 1;
  /// credential_type `x509` (2).
  int X509 = 2;

  /// The u16 credential type.
  int type();

  /// A BasicCredential: an application-defined identity. In WYA it is `user_id ‖ device_id`
  /// (48 bytes; GATEWAY_SPEC §1).
  record Basic(byte[] identity) implements Credential {
    @Override public int type() { return BASIC; }
  }

  /// An X.509 credential: DER certificates, leaf first.
  record X509Chain(List<byte[]> certificates) implements Credential {
    @Override public int type() { return X509; }
  }
}
