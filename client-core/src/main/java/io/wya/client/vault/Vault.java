package io.wya.client.vault;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.HKDFParameters;

/// The master key of one home directory and the subkeys derived from it (decisions/0501).
///
/// `vault.properties` (not secret) records how the key is protected: a passphrase stretched with
/// Argon2id (salt and cost in the header), or a random key in `vault.key` (mode 0600). A check
/// value sealed under the key tells a wrong passphrase from a corrupt record. Every purpose gets
/// its own subkey, HKDF-SHA256(master, info = `"wya/v1/" + purpose`): the client's records use
/// `store`, the mls library's state uses `mls`.
public final class Vault {
  public static final String HEADER_FILE = "vault.properties";
  public static final String KEY_FILE = "vault.key";
  private static final int KEY_BYTES = 32;
  /// Header field of format 2: the master key sealed under the passphrase's Argon2id output.
  private static final String WRAPPED = "wrapped_master";
  private static final byte[] CHECK = "wya vault check".getBytes(StandardCharsets.US_ASCII);
  private static final Set<PosixFilePermission> OWNER_ONLY = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final byte[] master;
  private final boolean passphraseProtected;
  private final SecureRandom random;

  private Vault(byte[] master, boolean passphraseProtected, SecureRandom random) {
    this.master = master;
    this.passphraseProtected = passphraseProtected;
    this.random = random;
  }

  public static boolean exists(Path dir) { return Files.exists(dir.resolve(HEADER_FILE)); }

  /// Creates the vault in `dir` (which must not have one).
  public static Vault create(Path dir, KeySource source, KdfParams params, SecureRandom random) {
    if (exists(dir)) throw new ClientException(ClientError.ALREADY_INITIALIZED, "a vault already exists in " + dir);
    Properties header = new Properties();
    header.setProperty("format", "1");
    byte[] master;
    boolean passphrase;
    try {
      switch (source) {
        case KeySource.Passphrase p -> {
          byte[] salt = new byte[16];
          random.nextBytes(salt);
          header.setProperty("protection", "passphrase");
          header.setProperty("kdf", "argon2id");
          header.setProperty("salt", Base64.getEncoder().encodeToString(salt));
          header.setProperty("memory_kib", Integer.toString(params.memoryKib()));
          header.setProperty("iterations", Integer.toString(params.iterations()));
          header.setProperty("lanes", Integer.toString(params.lanes()));
          master = argon2id(p.chars(), salt, params);
          passphrase = true;
        }
        case KeySource.GeneratedKeyFile g -> {
          master = new byte[KEY_BYTES];
          random.nextBytes(master);
          header.setProperty("protection", "keyfile");
          Path keyFile = dir.resolve(KEY_FILE);
          Files.deleteIfExists(keyFile);
          Files.createFile(keyFile);
          ownerOnly(keyFile);
          Files.writeString(keyFile, Base64.getEncoder().encodeToString(master) + "\n");
          passphrase = false;
        }
      }
      Vault vault = new Vault(master, passphrase, random);
      header.setProperty("check", Base64.getEncoder().encodeToString(vault.box("check").seal("check", CHECK)));
      Path headerFile = dir.resolve(HEADER_FILE);
      try (OutputStream out = Files.newOutputStream(headerFile)) {
        header.store(out, "WYA vault: how the master key is protected (no secret here; see decisions/0501)");
      }
      return vault;
    } catch (IOException e) {
      throw new ClientException(ClientError.IO, "could not create the vault in " + dir + ": " + e.getMessage(), e);
    }
  }

  /// Opens the vault in `dir`; asks `passphrases` only when the vault is passphrase-protected.
  public static Vault open(Path dir, PassphraseSource passphrases, SecureRandom random) {
    Properties header = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve(HEADER_FILE))) {
      header.load(in);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ClientException(ClientError.NOT_INITIALIZED, "no identity in " + dir + " (run `wya init`)");
    } catch (IOException e) {
      throw new ClientException(ClientError.IO, "could not read " + dir.resolve(HEADER_FILE) + ": " + e.getMessage(), e);
    }
    if (!"1".equals(header.getProperty("format")) && !"2".equals(header.getProperty("format"))) {
      throw new ClientException(ClientError.STATE_CORRUPT, "vault format " + header.getProperty("format") + " is not one this client reads");
    }
    String protection = header.getProperty("protection", "");
    Vault vault = switch (protection) {
      case "passphrase" -> {
        KdfParams params = parseParams(header);
        byte[] salt = decode(header, "salt");
        char[] passphrase = passphrases.passphrase();
        try {
          byte[] derived = argon2id(passphrase, salt, params);
          yield new Vault(header.containsKey(WRAPPED) ? unwrap(derived, decode(header, WRAPPED)) : derived, true, random);
        } finally {
          Arrays.fill(passphrase, '\0');
        }
      }
      case "keyfile" -> new Vault(readKeyFile(dir.resolve(KEY_FILE)), false, random);
      default -> throw new ClientException(ClientError.STATE_CORRUPT, "unknown vault protection '" + protection + "'");
    };
    byte[] check = decode(header, "check");
    try {
      if (!Arrays.equals(vault.box("check").open("check", check), CHECK)) throw new ClientException(ClientError.STATE_CORRUPT, "bad check");
    } catch (ClientException e) {
      if (vault.passphraseProtected) throw new ClientException(ClientError.WRONG_PASSPHRASE, "the passphrase does not open this vault");
      throw new ClientException(ClientError.STATE_CORRUPT, dir.resolve(KEY_FILE) + " is not the key of this vault");
    }
    return vault;
  }

  public boolean passphraseProtected() { return passphraseProtected; }

  /// Protects the vault in `dir` with a new passphrase (`wya passphrase`, decisions/0507). The
  /// master key stays the same — nothing else is re-encrypted — and is stored in the header
  /// wrapped under Argon2id(new passphrase, new salt) (format 2); the header is replaced in one
  /// atomic rename, so a crash leaves the old passphrase or the new one working, never neither.
  /// @throws ClientException `WRONG_PASSPHRASE` when `current` does not open the vault,
  ///         `INVALID_ARGUMENT` for a key-file vault (it has no passphrase)
  public static void changePassphrase(Path dir, PassphraseSource current, char[] next, KdfParams params, SecureRandom random) {
    if (next.length == 0) throw new ClientException(ClientError.INVALID_ARGUMENT, "an empty passphrase protects nothing");
    Properties old = readHeader(dir);
    if (!"passphrase".equals(old.getProperty("protection"))) {
      throw new ClientException(ClientError.INVALID_ARGUMENT, "this home is protected by a key file, not a passphrase (" + dir.resolve(KEY_FILE) + ")");
    }
    Vault vault = open(dir, current, random);
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    Properties header = new Properties();
    header.setProperty("format", "2");
    header.setProperty("protection", "passphrase");
    header.setProperty("kdf", "argon2id");
    header.setProperty("salt", Base64.getEncoder().encodeToString(salt));
    header.setProperty("memory_kib", Integer.toString(params.memoryKib()));
    header.setProperty("iterations", Integer.toString(params.iterations()));
    header.setProperty("lanes", Integer.toString(params.lanes()));
    header.setProperty(WRAPPED, Base64.getEncoder().encodeToString(new SealedBox(argon2id(next, salt, params), random).seal(WRAPPED, vault.master)));
    header.setProperty("check", old.getProperty("check"));
    try {
      Path temp = Files.createTempFile(dir, ".vault-", ".properties");
      try {
        try (OutputStream out = Files.newOutputStream(temp)) {
          header.store(out, "WYA vault: how the master key is protected (no secret here; see decisions/0501, 0507)");
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        Files.move(temp, dir.resolve(HEADER_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new ClientException(ClientError.IO, "could not write the new vault header: " + e.getMessage(), e);
    }
  }

  private static byte[] unwrap(byte[] kek, byte[] wrapped) {
    try {
      return new SealedBox(kek, null).open(WRAPPED, wrapped);
    } catch (ClientException e) {
      throw new ClientException(ClientError.WRONG_PASSPHRASE, "the passphrase does not open this vault");
    }
  }

  private static Properties readHeader(Path dir) {
    Properties header = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve(HEADER_FILE))) {
      header.load(in);
      return header;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ClientException(ClientError.NOT_INITIALIZED, "no identity in " + dir + " (run `wya init`)");
    } catch (IOException e) {
      throw new ClientException(ClientError.IO, "could not read " + dir.resolve(HEADER_FILE) + ": " + e.getMessage(), e);
    }
  }

  /// The sealing box of one purpose.
  public SealedBox box(String purpose) { return new SealedBox(subkey(purpose), random); }

  /// The 32-byte subkey of one purpose (handed to the mls library for its state).
  public byte[] subkey(String purpose) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(master, null, ("wya/v1/" + purpose).getBytes(StandardCharsets.UTF_8)));
    byte[] out = new byte[KEY_BYTES];
    hkdf.generateBytes(out, 0, out.length);
    return out;
  }

  static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the platform's default ACLs apply
    }
  }

  private static byte[] readKeyFile(Path keyFile) {
    try {
      try {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
        if (!OWNER_ONLY.containsAll(permissions)) {
          throw new ClientException(ClientError.INSECURE_KEY_FILE, keyFile + " is readable by other users; run: chmod 600 " + keyFile);
        }
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(keyFile).strip());
      if (key.length != KEY_BYTES) throw new ClientException(ClientError.STATE_CORRUPT, keyFile + " does not hold a 32-byte key");
      return key;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ClientException(ClientError.STATE_CORRUPT, keyFile + " is missing: the vault cannot be opened without it");
    } catch (IOException e) {
      throw new ClientException(ClientError.IO, "could not read " + keyFile + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ClientException(ClientError.STATE_CORRUPT, keyFile + " is not base64");
    }
  }

  private static KdfParams parseParams(Properties header) {
    try {
      KdfParams params = new KdfParams(Integer.parseInt(header.getProperty("memory_kib")), Integer.parseInt(header.getProperty("iterations")),
          Integer.parseInt(header.getProperty("lanes")));
      if (!"argon2id".equals(header.getProperty("kdf")) || !params.atLeastMinimum()) {
        throw new ClientException(ClientError.STATE_CORRUPT, "the vault header asks for a KDF weaker than Argon2id " + KdfParams.MINIMUM);
      }
      return params;
    } catch (RuntimeException e) {
      if (e instanceof ClientException c) throw c;
      throw new ClientException(ClientError.STATE_CORRUPT, "the vault header's KDF parameters do not parse");
    }
  }

  private static byte[] decode(Properties header, String name) {
    try {
      return Base64.getDecoder().decode(header.getProperty(name, ""));
    } catch (IllegalArgumentException e) {
      throw new ClientException(ClientError.STATE_CORRUPT, "the vault header's " + name + " is not base64");
    }
  }

  private static byte[] argon2id(char[] passphrase, byte[] salt, KdfParams params) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt).withMemoryAsKB(params.memoryKib()).withIterations(params.iterations()).withParallelism(params.lanes()).build());
    byte[] key = new byte[KEY_BYTES];
    generator.generateBytes(passphrase, key);
    return key;
  }
}
