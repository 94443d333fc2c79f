package io.wya.client.vault;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/// AES-256-GCM under one subkey of the vault. A sealed value is `"WYA1" ‖ nonce(12) ‖ ciphertext
/// ‖ tag(16)`; the associated data binds it to the record name, so a file moved to another name
/// fails to open instead of being read as something else.
public final class SealedBox {
  private static final byte[] MAGIC = "WYA1".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random;

  SealedBox(byte[] key, SecureRandom random) {
    if (key.length != 32) throw new IllegalArgumentException("AES-256 needs a 32-byte key");
    this.key = new SecretKeySpec(key, "AES");
    this.random = random;
  }

  public byte[] seal(String name, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(name));
      byte[] body = cipher.doFinal(plaintext);
      byte[] out = new byte[MAGIC.length + NONCE_BYTES + body.length];
      System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
      System.arraycopy(nonce, 0, out, MAGIC.length, NONCE_BYTES);
      System.arraycopy(body, 0, out, MAGIC.length + NONCE_BYTES, body.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from the JDK", e);
    }
  }

  /// @throws ClientException `STATE_CORRUPT` when the value was not sealed under this key and name
  public byte[] open(String name, byte[] sealed) {
    if (sealed.length < MAGIC.length + NONCE_BYTES + TAG_BITS / 8
        || !Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new ClientException(ClientError.STATE_CORRUPT, "record " + name + " is not a WYA sealed record");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, MAGIC.length, NONCE_BYTES));
      cipher.updateAAD(aad(name));
      return cipher.doFinal(sealed, MAGIC.length + NONCE_BYTES, sealed.length - MAGIC.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new ClientException(ClientError.STATE_CORRUPT, "record " + name + " failed authentication (tampered or another vault's)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from the JDK", e);
    }
  }

  private static byte[] aad(String name) { return ("wya/v1/record/" + name).getBytes(StandardCharsets.UTF_8); }
}
