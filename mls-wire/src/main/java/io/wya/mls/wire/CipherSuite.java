package io.wya.mls.wire;

/// The cipher suites of RFC 9420 §17.1, reduced to what a verifier needs: the hash (for RefHash)
/// and the signature scheme (for SignWithLabel). HPKE and AEAD are not needed without secrets.
public enum CipherSuite {
  MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519(1, "SHA-256", SignatureScheme.ED25519),
  MLS_128_DHKEMP256_AES128GCM_SHA256_P256(2, "SHA-256", SignatureScheme.ECDSA_P256_SHA256),
  MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519(3, "SHA-256", SignatureScheme.ED25519),
  MLS_256_DHKEMX448_AES256GCM_SHA512_Ed448(4, "SHA-512", SignatureScheme.ED448),
  MLS_256_DHKEMP521_AES256GCM_SHA512_P521(5, "SHA-512", SignatureScheme.ECDSA_P521_SHA512),
  MLS_256_DHKEMX448_CHACHA20POLY1305_SHA512_Ed448(6, "SHA-512", SignatureScheme.ED448),
  MLS_256_DHKEMP384_AES256GCM_SHA384_P384(7, "SHA-384", SignatureScheme.ECDSA_P384_SHA384);

  /// Signature algorithms of the RFC 9420 suites.
  public enum SignatureScheme { ED25519, ED448, ECDSA_P256_SHA256, ECDSA_P384_SHA384, ECDSA_P521_SHA512 }

  private final int code;
  private final String hash;
  private final SignatureScheme signature;

  CipherSuite(int code, String hash, SignatureScheme signature) {
    this.code = code;
    this.hash = hash;
    this.signature = signature;
  }

  /// The u16 value on the wire.
  public int code() { return code; }

  /// The suite's hash (JCA-style name).
  public String hashName() { return hash; }

  public SignatureScheme signatureScheme() { return signature; }

  /// The suite with this code, or null when RFC 9420 does not define it.
  public static CipherSuite of(int code) {
    for (CipherSuite s : values()) if (s.code == code) return s;
    return null;
  }
}
