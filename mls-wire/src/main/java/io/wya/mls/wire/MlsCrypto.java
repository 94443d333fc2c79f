package io.wya.mls.wire;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.math.ec.rfc8032.Ed448;

/// The public-key operations a Delivery Service needs, over BouncyCastle's low-level primitives
/// (bcprov; never bcmls): RefHash and SignWithLabel verification (RFC 9420 §5.1–5.2).
public final class MlsCrypto {
  /// Label of a KeyPackageRef.
  public static final String KEY_PACKAGE_REFERENCE = "MLS 1.0 KeyPackage Reference";
  /// Label of a ProposalRef.
  public static final String PROPOSAL_REFERENCE = "MLS 1.0 Proposal Reference";

  private MlsCrypto() {}

  /// `RefHash(label, value) = Hash(RefHashInput{opaque label<V>; opaque value<V>})`.
  public static byte[] refHash(CipherSuite suite, byte[] label, byte[] value) {
    Digest d = digest(suite.hashName());
    byte[] input = concat(vector(label), vector(value));
    d.update(input, 0, input.length);
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }

  /// The KeyPackageRef of a KeyPackage (its bare encoding, [KeyPackage#encoded()]).
  public static byte[] keyPackageRef(CipherSuite suite, KeyPackage keyPackage) {
    return refHash(suite, KEY_PACKAGE_REFERENCE.getBytes(StandardCharsets.US_ASCII), keyPackage.encoded());
  }

  /// The ProposalRef of a proposal sent as a PublicMessage.
  public static byte[] proposalRef(CipherSuite suite, PublicMessage message) {
    return refHash(suite, PROPOSAL_REFERENCE.getBytes(StandardCharsets.US_ASCII), message.authenticatedContent());
  }

  /// The bytes signed by `SignWithLabel(key, label, content)`:
  /// `SignContent{opaque label<V> = "MLS 1.0 " + label; opaque content<V>}`.
  public static byte[] signContent(String label, byte[] content) {
    return concat(vector(("MLS 1.0 " + label).getBytes(StandardCharsets.US_ASCII)), vector(content));
  }

  /// `VerifyWithLabel`: false for a wrong signature, a malformed key or signature, never throws.
  public static boolean verifyWithLabel(CipherSuite suite, byte[] publicKey, String label, byte[] content, byte[] signature) {
    byte[] message = signContent(label, content);
    try {
      return switch (suite.signatureScheme()) {
        case ED25519 -> publicKey.length == Ed25519.PUBLIC_KEY_SIZE && signature.length == Ed25519.SIGNATURE_SIZE
            && Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        case ED448 -> publicKey.length == Ed448.PUBLIC_KEY_SIZE && signature.length == Ed448.SIGNATURE_SIZE
            && Ed448.verify(signature, 0, publicKey, 0, new byte[0], message, 0, message.length);
        case ECDSA_P256_SHA256 -> ecdsa("P-256", new SHA256Digest(), publicKey, message, signature);
        case ECDSA_P384_SHA384 -> ecdsa("P-384", new SHA384Digest(), publicKey, message, signature);
        case ECDSA_P521_SHA512 -> ecdsa("P-521", new SHA512Digest(), publicKey, message, signature);
      };
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean ecdsa(String curve, Digest digest, byte[] publicKey, byte[] message, byte[] signature) {
    X9ECParameters params = ECNamedCurveTable.getByName(curve);
    ECDomainParameters domain = new ECDomainParameters(params.getCurve(), params.getG(), params.getN(), params.getH());
    ECPoint point = params.getCurve().decodePoint(publicKey);
    if (!point.isValid()) return false;
    BigInteger r;
    BigInteger s;
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
      if (seq.size() != 2) return false;
      r = ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue();
      s = ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue();
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
    byte[] hash = new byte[digest.getDigestSize()];
    digest.update(message, 0, message.length);
    digest.doFinal(hash, 0);
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, new ECPublicKeyParameters(point, domain));
    return signer.verifySignature(hash, r, s);
  }

  static Digest digest(String name) {
    return switch (name) {
      case "SHA-256" -> new SHA256Digest();
      case "SHA-384" -> new SHA384Digest();
      case "SHA-512" -> new SHA512Digest();
      default -> throw new IllegalArgumentException(name);
    };
  }

  /// `opaque x<V>` encoding of `data`.
  static byte[] vector(byte[] data) {
    byte[] header = varint(data.length);
    return concat(header, data);
  }

  static byte[] varint(int n) {
    if (n < 0) throw new IllegalArgumentException("negative length");
    if (n < 64) return new byte[] {(byte) n};
    if (n < 16384) return new byte[] {(byte) (0x40 | (n >>> 8)), (byte) n};
    if (n < (1 << 30)) return new byte[] {(byte) (0x80 | (n >>> 24)), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    throw new IllegalArgumentException("length " + n + " exceeds the varint range");
  }

  static byte[] concat(byte[]... parts) {
    int len = 0;
    for (byte[] p : parts) len += p.length;
    byte[] out = new byte[len];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
