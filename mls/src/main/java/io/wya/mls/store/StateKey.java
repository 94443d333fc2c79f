package io.wya.mls.store;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/// What unlocks an [EncryptedFileStore]: a passphrase (stretched with Argon2id) or a 32-byte
/// key — from a key file, or from wherever the OS keyring keeps it. Either way it only unwraps
/// the store's random data key, so changing the passphrase does not re-encrypt the groups.
public sealed interface StateKey {
  /// A passphrase and the Argon2id cost to use when the store is created (an existing store
  /// keeps the cost it was created with).
  static StateKey passphrase(char[] passphrase, Argon2Cost cost) {
    return new Passphrase(passphrase.clone(), cost);
  }

  /// A 32-byte key held by the caller (e.g. read from the OS keyring).
  static StateKey key(byte[] key) {
    if (key.length != 32) throw new IllegalArgumentException("a state key has 32 bytes");
    return new RawKey(key.clone());
  }

  /// A 32-byte key in a file; created (mode 0600 where the file system allows) when absent.
  static StateKey keyFile(Path file, SecureRandom random) throws MlsException {
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        AtomicFiles.write(file, key);
        return new RawKey(key);
      }
      byte[] key = Files.readAllBytes(file);
      if (key.length != 32) throw new MlsException(MlsError.WRONG_PASSPHRASE, "key file " + file + " does not hold 32 bytes");
      return new RawKey(key);
    } catch (IOException e) {
      throw new MlsException(MlsError.STATE_IO, "key file " + file + ": " + e.getMessage(), e);
    }
  }

  /// A passphrase. `cost` applies when a new store is created.
  record Passphrase(char[] passphrase, Argon2Cost cost) implements StateKey {
    /// The passphrase's UTF-8 bytes (the caller wipes them).
    byte[] utf8() {
      ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
      byte[] out = Arrays.copyOfRange(b.array(), b.position(), b.limit());
      Arrays.fill(b.array(), (byte) 0);
      return out;
    }
  }

  /// A raw 32-byte key.
  record RawKey(byte[] key) implements StateKey {}

  /// Argon2id parameters (RFC 9106).
  ///
  /// @param memoryKiB  memory in KiB
  /// @param iterations passes over the memory
  /// @param lanes      parallelism
  record Argon2Cost(int memoryKiB, int iterations, int lanes) {
    /// 64 MiB, 3 passes, 1 lane: RFC 9106's second recommended option with one lane (clients
    /// here have two cores); about half a second on a 2-vCPU machine (BENCHMARKS.md).
    public static final Argon2Cost DEFAULT = new Argon2Cost(64 * 1024, 3, 1);

    public Argon2Cost {
      if (memoryKiB < 8 * lanes || iterations < 1 || lanes < 1 || lanes > 16) throw new IllegalArgumentException("bad Argon2 cost");
    }
  }
}
