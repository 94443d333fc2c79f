package io.wya.mls.store;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/// A [StateStore] in a directory, every blob encrypted at rest (ADR 0302).
///
/// * `keystore` holds a random 256-bit data key wrapped with AES-256-GCM under a key-encryption
///   key: Argon2id(passphrase, salt, cost) or a caller-held 32-byte key. A wrong passphrase fails
///   the unwrap's authentication: `WRONG_PASSPHRASE`, and nothing else is read.
/// * each blob is `<name>.wya` = `"WYAS" ‖ 1 ‖ salt[32] ‖ nonce[12] ‖ AES-256-GCM(k, nonce, aad,
///   plaintext)` with `k = HMAC-SHA256(data key, "wya-state-v1" ‖ salt)` — a fresh key per write,
///   so no nonce is ever reused whatever the number of writes — and `aad = "WYAS" ‖ 1 ‖ name`, so
///   a blob cannot be passed off under another name (e.g. one group's state as another's).
/// * writes are atomic ([AtomicFiles]); plaintext never reaches the disk.
/// * one process at a time: a lock file, held until [#close()] (`STATE_LOCKED` otherwise).
///
/// Not protected against: an attacker who can replace the whole directory with an older copy
/// (rollback), and anyone who can read this process's memory.
public final class EncryptedFileStore implements StateStore {
  private static final byte[] KEYSTORE_MAGIC = "WYAK".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BLOB_MAGIC = "WYAS".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEY_LABEL = "wya-state-v1".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int KIND_PASSPHRASE = 1;
  private static final int KIND_RAW_KEY = 2;
  private static final int SALT = 32;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final String SUFFIX = ".wya";
  private static final String KEYSTORE = "keystore";

  private final Path dir;
  private final SecureRandom random;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final byte[] dataKey;
  private boolean closed;

  private EncryptedFileStore(Path dir, SecureRandom random, FileChannel lockChannel, FileLock lock, byte[] dataKey) {
    this.dir = dir;
    this.random = random;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.dataKey = dataKey;
  }

  /// Opens (creating when absent) the store in `dir`, unlocking it with `key`.
  public static EncryptedFileStore open(Path dir, StateKey key, SecureRandom random) throws MlsException {
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      AtomicFiles.ownerOnly(dir);
      channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) throw new MlsException(MlsError.STATE_LOCKED, dir + " is in use by another process");
      AtomicFiles.removeStrayTemporaries(dir);
      Path keystore = dir.resolve(KEYSTORE);
      byte[] dataKey = Files.exists(keystore) ? unwrap(Files.readAllBytes(keystore), key) : create(keystore, key, random);
      EncryptedFileStore store = new EncryptedFileStore(dir, random, channel, lock, dataKey);
      channel = null;
      return store;
    } catch (IOException e) {
      throw new MlsException(MlsError.STATE_IO, dir + ": " + e.getMessage(), e);
    } finally {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // the open failed already; its error is the one to report
        }
      }
    }
  }

  /// Re-wraps the data key under `newKey` (a passphrase change); the blobs stay as they are.
  public synchronized void changeKey(StateKey newKey) throws MlsException {
    ensureOpen();
    try {
      AtomicFiles.write(dir.resolve(KEYSTORE), wrap(dataKey, newKey, random));
    } catch (IOException e) {
      throw new MlsException(MlsError.STATE_IO, "rewriting the key store: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<byte[]> read(String name) throws MlsException {
    ensureOpen();
    byte[] file;
    try {
      file = Files.readAllBytes(path(name));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new MlsException(MlsError.STATE_IO, "reading " + name + ": " + e.getMessage(), e);
    }
    int header = BLOB_MAGIC.length + 1;
    if (file.length < header + SALT + NONCE + TAG_BITS / 8 || !Arrays.equals(file, 0, 4, BLOB_MAGIC, 0, 4)) {
      throw new MlsException(MlsError.STATE_CORRUPT, name + " is not a WYA state file");
    }
    if (file[4] != VERSION) throw new MlsException(MlsError.STATE_FORMAT_UNSUPPORTED, name + " has format " + file[4]);
    byte[] salt = Arrays.copyOfRange(file, header, header + SALT);
    byte[] nonce = Arrays.copyOfRange(file, header + SALT, header + SALT + NONCE);
    try {
      byte[] key = blobKey(salt);
      return Optional.of(gcm(Cipher.DECRYPT_MODE, key, nonce, aad(name), file, header + SALT + NONCE));
    } catch (AEADBadTagException e) {
      throw new MlsException(MlsError.STATE_CORRUPT, name + " failed authentication (altered, truncated or from another store)");
    } catch (GeneralSecurityException e) {
      throw new MlsException(MlsError.INTERNAL, "AES-GCM: " + e, e);
    }
  }

  @Override
  public synchronized void write(String name, byte[] plaintext) throws MlsException {
    ensureOpen();
    byte[] salt = new byte[SALT];
    byte[] nonce = new byte[NONCE];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    try {
      byte[] sealed = gcm(Cipher.ENCRYPT_MODE, blobKey(salt), nonce, aad(name), plaintext, 0);
      ByteBuffer out = ByteBuffer.allocate(BLOB_MAGIC.length + 1 + SALT + NONCE + sealed.length);
      out.put(BLOB_MAGIC).put((byte) VERSION).put(salt).put(nonce).put(sealed);
      AtomicFiles.write(path(name), out.array());
    } catch (GeneralSecurityException e) {
      throw new MlsException(MlsError.INTERNAL, "AES-GCM: " + e, e);
    } catch (IOException e) {
      throw new MlsException(MlsError.STATE_IO, "writing " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void delete(String name) throws MlsException {
    ensureOpen();
    try {
      Files.deleteIfExists(path(name));
    } catch (IOException e) {
      throw new MlsException(MlsError.STATE_IO, "deleting " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized List<String> names() throws MlsException {
    ensureOpen();
    List<String> out = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String file = p.getFileName().toString();
        if (file.endsWith(SUFFIX) && !file.startsWith(".")) out.add(file.substring(0, file.length() - SUFFIX.length()));
      }
    } catch (IOException e) {
      throw new MlsException(MlsError.STATE_IO, "listing " + dir + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    Arrays.fill(dataKey, (byte) 0);
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException ignored) {
      // the lock goes with the channel or the process
    }
  }

  private void ensureOpen() throws MlsException {
    if (closed) throw new MlsException(MlsError.STATE_IO, "the store is closed");
  }

  private Path path(String name) {
    return dir.resolve(StateStore.checkName(name) + SUFFIX);
  }

  private static byte[] aad(String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(BLOB_MAGIC.length + 1 + n.length).put(BLOB_MAGIC).put((byte) VERSION).put(n).array();
  }

  private byte[] blobKey(byte[] salt) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
    mac.update(KEY_LABEL);
    return mac.doFinal(salt);
  }

  private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input, int offset) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(aad);
    return cipher.doFinal(input, offset, input.length - offset);
  }

  // ------------------------------------------------------------------ key store

  private static byte[] create(Path keystore, StateKey key, SecureRandom random) throws IOException, MlsException {
    byte[] dataKey = new byte[32];
    random.nextBytes(dataKey);
    AtomicFiles.write(keystore, wrap(dataKey, key, random));
    return dataKey;
  }

  private static byte[] wrap(byte[] dataKey, StateKey key, SecureRandom random) throws MlsException {
    ByteBuffer header = ByteBuffer.allocate(64).put(KEYSTORE_MAGIC).put((byte) VERSION);
    byte[] kek;
    switch (key) {
      case StateKey.Passphrase p -> {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        StateKey.Argon2Cost cost = p.cost();
        header.put((byte) KIND_PASSPHRASE).putInt(cost.memoryKiB()).putInt(cost.iterations()).put((byte) cost.lanes()).put(salt);
        kek = argon2(p, salt, cost);
      }
      case StateKey.RawKey r -> {
        header.put((byte) KIND_RAW_KEY);
        kek = r.key().clone();
      }
    }
    byte[] head = Arrays.copyOf(header.array(), header.position());
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      byte[] wrapped = gcm(Cipher.ENCRYPT_MODE, kek, nonce, head, dataKey, 0);
      return ByteBuffer.allocate(head.length + NONCE + wrapped.length).put(head).put(nonce).put(wrapped).array();
    } catch (GeneralSecurityException e) {
      throw new MlsException(MlsError.INTERNAL, "AES-GCM: " + e, e);
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
  }

  private static byte[] unwrap(byte[] file, StateKey key) throws MlsException {
    ByteBuffer in = ByteBuffer.wrap(file);
    try {
      byte[] magic = new byte[4];
      in.get(magic);
      if (!Arrays.equals(magic, KEYSTORE_MAGIC)) throw new MlsException(MlsError.STATE_CORRUPT, "not a WYA key store");
      int version = in.get();
      if (version != VERSION) throw new MlsException(MlsError.STATE_FORMAT_UNSUPPORTED, "key store format " + version);
      int kind = in.get();
      byte[] kek;
      if (kind == KIND_PASSPHRASE) {
        StateKey.Argon2Cost cost = new StateKey.Argon2Cost(in.getInt(), in.getInt(), in.get());
        byte[] salt = new byte[16];
        in.get(salt);
        if (!(key instanceof StateKey.Passphrase p)) throw new MlsException(MlsError.WRONG_PASSPHRASE, "this store is opened with a passphrase");
        kek = argon2(p, salt, cost);
      } else if (kind == KIND_RAW_KEY) {
        if (!(key instanceof StateKey.RawKey r)) throw new MlsException(MlsError.WRONG_PASSPHRASE, "this store is opened with a key file");
        kek = r.key().clone();
      } else {
        throw new MlsException(MlsError.STATE_CORRUPT, "key store of kind " + kind);
      }
      byte[] head = Arrays.copyOf(file, in.position());
      byte[] nonce = new byte[NONCE];
      in.get(nonce);
      try {
        return gcm(Cipher.DECRYPT_MODE, kek, nonce, head, file, in.position());
      } catch (AEADBadTagException e) {
        throw new MlsException(MlsError.WRONG_PASSPHRASE, "the passphrase or key does not open this store");
      } finally {
        Arrays.fill(kek, (byte) 0);
      }
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new MlsException(MlsError.STATE_CORRUPT, "truncated key store");
    } catch (GeneralSecurityException e) {
      throw new MlsException(MlsError.INTERNAL, "AES-GCM: " + e, e);
    }
  }

  private static byte[] argon2(StateKey.Passphrase p, byte[] salt, StateKey.Argon2Cost cost) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt).withMemoryAsKB(cost.memoryKiB()).withIterations(cost.iterations()).withParallelism(cost.lanes()).build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] password = p.utf8();
    byte[] out = new byte[32];
    try {
      generator.generateBytes(password, out);
    } finally {
      Arrays.fill(password, (byte) 0);
    }
    return out;
  }
}
