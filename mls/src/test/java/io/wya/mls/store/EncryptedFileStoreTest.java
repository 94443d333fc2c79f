package io.wya.mls.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The encrypted state directory (ADR 0302): authenticated encryption under a passphrase- or
/// key-derived key, atomic replacement, one process at a time.
class EncryptedFileStoreTest {
  /// Cheap Argon2 for tests; [StateKey.Argon2Cost#DEFAULT] is exercised once below.
  static final StateKey.Argon2Cost CHEAP = new StateKey.Argon2Cost(256, 1, 1);
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  private static MlsError code(Throwable t) {
    return ((MlsException) t).error();
  }

  @Test
  @DisplayName("blobs round-trip; the files hold no plaintext; a wrong passphrase is WRONG_PASSPHRASE and reads nothing")
  void passphraseProtectsTheState() throws Exception {
    byte[] secret = "the group's epoch secret: 0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    try (EncryptedFileStore store = EncryptedFileStore.open(dir, StateKey.passphrase("correct horse".toCharArray(), CHEAP), RANDOM)) {
      store.write("group.01", secret);
      store.write("device", "device".getBytes());
      assertThat(store.read("group.01")).hasValue(secret);
      assertThat(store.names()).containsExactly("device", "group.01");
    }
    for (Path f : Files.list(dir).toList()) {
      byte[] bytes = Files.readAllBytes(f);
      assertThat(indexOf(bytes, secret)).as(f + " holds the plaintext").isEqualTo(-1);
    }
    assertThatThrownBy(() -> EncryptedFileStore.open(dir, StateKey.passphrase("wrong horse".toCharArray(), CHEAP), RANDOM))
        .satisfies(t -> assertThat(code(t)).isEqualTo(MlsError.WRONG_PASSPHRASE));
    assertThatThrownBy(() -> EncryptedFileStore.open(dir, StateKey.key(new byte[32]), RANDOM))
        .satisfies(t -> assertThat(code(t)).isEqualTo(MlsError.WRONG_PASSPHRASE));
    try (EncryptedFileStore store = EncryptedFileStore.open(dir, StateKey.passphrase("correct horse".toCharArray(), CHEAP), RANDOM)) {
      assertThat(store.read("group.01")).hasValue(secret);
    }
  }

  @Test
  @DisplayName("a changed byte, a truncation, or a blob renamed to another name is STATE_CORRUPT")
  void tamperingIsDetected() throws Exception {
    try (EncryptedFileStore store = EncryptedFileStore.open(dir, StateKey.key(new byte[32]), RANDOM)) {
      store.write("group.aa", "alpha".getBytes());
      store.write("group.bb", "beta".getBytes());
      Path a = dir.resolve("group.aa.wya");
      byte[] original = Files.readAllBytes(a);
      byte[] flipped = original.clone();
      flipped[flipped.length - 1] ^= 1;
      Files.write(a, flipped);
      assertThatThrownBy(() -> store.read("group.aa")).satisfies(t -> assertThat(code(t)).isEqualTo(MlsError.STATE_CORRUPT));
      Files.write(a, java.util.Arrays.copyOf(original, original.length - 5));
      assertThatThrownBy(() -> store.read("group.aa")).satisfies(t -> assertThat(code(t)).isEqualTo(MlsError.STATE_CORRUPT));
      Files.copy(dir.resolve("group.bb.wya"), a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertThatThrownBy(() -> store.read("group.aa")).satisfies(t -> assertThat(code(t)).isEqualTo(MlsError.STATE_CORRUPT));
      assertThat(store.read("group.bb")).hasValue("beta".getBytes());
    }
  }

  @Test
  @DisplayName("a second process (or opener) gets STATE_LOCKED until the first closes")
  void oneOpenerAtATime() throws Exception {
    EncryptedFileStore first = EncryptedFileStore.open(dir, StateKey.key(new byte[32]), RANDOM);
    assertThatThrownBy(() -> EncryptedFileStore.open(dir, StateKey.key(new byte[32]), RANDOM))
        .satisfies(t -> assertThat(code(t)).isEqualTo(MlsError.STATE_LOCKED));
    first.close();
    EncryptedFileStore.open(dir, StateKey.key(new byte[32]), RANDOM).close();
  }

  @Test
  @DisplayName("a crash between writing and renaming leaves the previous blob readable and the stray temporary is removed on open")
  void crashBeforeRenameKeepsTheOldBlob() throws Exception {
    try (EncryptedFileStore store = EncryptedFileStore.open(dir, StateKey.key(new byte[32]), RANDOM)) {
      store.write("device", "v1".getBytes());
    }
    Path stray = dir.resolve(".device.wya.0000" + AtomicFiles.TEMP_SUFFIX);
    Files.write(stray, "half-written".getBytes());
    try (EncryptedFileStore store = EncryptedFileStore.open(dir, StateKey.key(new byte[32]), RANDOM)) {
      assertThat(store.read("device")).hasValue("v1".getBytes());
      assertThat(stray).doesNotExist();
      store.write("device", "v2".getBytes());
      assertThat(store.read("device")).hasValue("v2".getBytes());
    }
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("keystore", "lock", "device.wya");
  }

  @Test
  @DisplayName("files are readable by their owner only; a key file is created once and reused; a passphrase change keeps the blobs")
  void permissionsKeyFilesAndKeyChange() throws Exception {
    Path keyFile = dir.resolve("key");
    Path stateDir = dir.resolve("state");
    try (EncryptedFileStore store = EncryptedFileStore.open(stateDir, StateKey.keyFile(keyFile, RANDOM), RANDOM)) {
      store.write("device", "d".getBytes());
      store.changeKey(StateKey.passphrase("new passphrase".toCharArray(), CHEAP));
    }
    assertThat(Files.readAllBytes(keyFile)).hasSize(32);
    if (stateDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("device.wya")))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir))).isEqualTo("rwx------");
    }
    assertThatThrownBy(() -> EncryptedFileStore.open(stateDir, StateKey.keyFile(keyFile, RANDOM), RANDOM))
        .satisfies(t -> assertThat(code(t)).isEqualTo(MlsError.WRONG_PASSPHRASE));
    try (EncryptedFileStore store = EncryptedFileStore.open(stateDir, StateKey.passphrase("new passphrase".toCharArray(), CHEAP), RANDOM)) {
      assertThat(store.read("device")).hasValue("d".getBytes());
    }
  }

  @Test
  @DisplayName("the default Argon2id cost (64 MiB, 3 passes) opens a store")
  void defaultArgon2Cost() throws Exception {
    try (EncryptedFileStore store = EncryptedFileStore.open(dir, StateKey.passphrase("p".toCharArray(), StateKey.Argon2Cost.DEFAULT), RANDOM)) {
      store.write("device", new byte[] {1});
    }
    try (EncryptedFileStore store = EncryptedFileStore.open(dir, StateKey.passphrase("p".toCharArray(), CHEAP), RANDOM)) {
      assertThat(store.read("device")).hasValue(new byte[] {1});
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
