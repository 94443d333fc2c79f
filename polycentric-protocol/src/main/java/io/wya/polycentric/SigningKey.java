package io.wya.polycentric;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/// A system's Ed25519 private key (the 32-byte seed) and its public key.
public final class SigningKey {
  private final byte[] seed;
  private final SystemKey system;

  private SigningKey(byte[] seed) {
    if (seed.length != Ed25519.SECRET_KEY_SIZE) throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
    this.seed = seed.clone();
    byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(this.seed, 0, pk, 0);
    this.system = SystemKey.of(pk);
  }

  public static SigningKey fromSeed(byte[] seed) { return new SigningKey(seed); }

  public static SigningKey generate(SecureRandom random) {
    byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    random.nextBytes(seed);
    SigningKey key = new SigningKey(seed);
    Arrays.fill(seed, (byte) 0);
    return key;
  }

  public SystemKey system() { return system; }

  /// A copy of the seed, for the client's key store.
  public byte[] seed() { return seed.clone(); }

  public ByteString sign(byte[] message) {
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, message, 0, message.length, signature, 0);
    return ByteString.copyFrom(signature);
  }

  @Override public String toString() { return "SigningKey[" + system + "]"; }
}
