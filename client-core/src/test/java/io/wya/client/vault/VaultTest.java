package io.wya.client.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final KdfParams CHEAP_BUT_ALLOWED = KdfParams.MINIMUM;

  @TempDir Path dir;

  @Test void keyFileVaultReopensAndSealsRecords() throws Exception {
    Vault created = Vault.create(dir, new KeySource.GeneratedKeyFile(), KdfParams.DEFAULT, RANDOM);
    new RecordStore(dir.resolve("store"), created.box("store")).write("a/b", "secret".getBytes(StandardCharsets.UTF_8));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(Vault.KEY_FILE)))).isEqualTo("rw-------");

    Vault reopened = Vault.open(dir, () -> { throw new AssertionError("a key-file vault asks no passphrase"); }, RANDOM);
    RecordStore store = new RecordStore(dir.resolve("store"), reopened.box("store"));
    assertThat(store.read("a/b")).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("secret"));
    assertThat(new String(Files.readAllBytes(dir.resolve("store/a/b.rec")), StandardCharsets.ISO_8859_1)).doesNotContain("secret");
  }

  @Test void aChangedPassphraseKeepsTheMasterKeyAndRefusesTheOldOne() {
    Vault created = Vault.create(dir, new KeySource.Passphrase("old one".toCharArray()), CHEAP_BUT_ALLOWED, RANDOM);
    new RecordStore(dir.resolve("store"), created.box("store")).write("a", "kept".getBytes(StandardCharsets.UTF_8));
    Vault.changePassphrase(dir, "old one"::toCharArray, "new one".toCharArray(), CHEAP_BUT_ALLOWED, RANDOM);

    Vault reopened = Vault.open(dir, "new one"::toCharArray, RANDOM);
    assertThat(new RecordStore(dir.resolve("store"), reopened.box("store")).read("a"))
        .hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("kept"));
    assertThat(reopened.subkey("mls")).isEqualTo(created.subkey("mls"));
    assertThatThrownBy(() -> Vault.open(dir, "old one"::toCharArray, RANDOM))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.error()).isEqualTo(ClientError.WRONG_PASSPHRASE));
    assertThatThrownBy(() -> Vault.changePassphrase(dir, "old one"::toCharArray, "third".toCharArray(), CHEAP_BUT_ALLOWED, RANDOM))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.error()).isEqualTo(ClientError.WRONG_PASSPHRASE));
    Vault.changePassphrase(dir, "new one"::toCharArray, "third".toCharArray(), CHEAP_BUT_ALLOWED, RANDOM);
    assertThat(Vault.open(dir, "third"::toCharArray, RANDOM).subkey("store")).isEqualTo(created.subkey("store"));
  }

  @Test void passphraseVaultOpensOnlyWithThePassphrase() {
    Vault.create(dir, new KeySource.Passphrase("correct horse".toCharArray()), CHEAP_BUT_ALLOWED, RANDOM);
    assertThat(Vault.open(dir, "correct horse"::toCharArray, RANDOM).passphraseProtected()).isTrue();
    assertThatThrownBy(() -> Vault.open(dir, "wrong"::toCharArray, RANDOM))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.error()).isEqualTo(ClientError.WRONG_PASSPHRASE));
    assertThat(dir.resolve(Vault.KEY_FILE)).doesNotExist();
  }

  @Test void aHeaderAskingForACheapKdfIsRefused() throws Exception {
    Vault.create(dir, new KeySource.Passphrase("pw".toCharArray()), CHEAP_BUT_ALLOWED, RANDOM);
    Path header = dir.resolve(Vault.HEADER_FILE);
    Files.writeString(header, Files.readString(header).replaceAll("memory_kib=\\d+", "memory_kib=64"));
    assertThatThrownBy(() -> Vault.open(dir, "pw"::toCharArray, RANDOM))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.error()).isEqualTo(ClientError.STATE_CORRUPT));
  }

  @Test void aKeyFileReadableByOthersIsRefused() throws Exception {
    Vault.create(dir, new KeySource.GeneratedKeyFile(), KdfParams.DEFAULT, RANDOM);
    Files.setPosixFilePermissions(dir.resolve(Vault.KEY_FILE), PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> Vault.open(dir, () -> new char[0], RANDOM))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.error()).isEqualTo(ClientError.INSECURE_KEY_FILE));
  }

  @Test void tamperedOrMovedRecordsFailAuthentication() throws Exception {
    Vault vault = Vault.create(dir, new KeySource.GeneratedKeyFile(), KdfParams.DEFAULT, RANDOM);
    RecordStore store = new RecordStore(dir.resolve("store"), vault.box("store"));
    store.write("one", new byte[] {1, 2, 3});
    Files.copy(dir.resolve("store/one.rec"), dir.resolve("store/two.rec"));
    assertThatThrownBy(() -> store.read("two"))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.error()).isEqualTo(ClientError.STATE_CORRUPT));
    byte[] bytes = Files.readAllBytes(dir.resolve("store/one.rec"));
    bytes[bytes.length - 1] ^= 1;
    Files.write(dir.resolve("store/one.rec"), bytes);
    assertThatThrownBy(() -> store.read("one"))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.error()).isEqualTo(ClientError.STATE_CORRUPT));
  }

  @Test void subkeysDifferPerPurpose() {
    Vault vault = Vault.create(dir, new KeySource.GeneratedKeyFile(), KdfParams.DEFAULT, RANDOM);
    assertThat(vault.subkey("store")).isNotEqualTo(vault.subkey("mls")).hasSize(32);
    assertThat(vault.subkey("mls")).isEqualTo(vault.subkey("mls"));
  }

  @Test void creatingOverAnExistingVaultIsRefused() {
    Vault.create(dir, new KeySource.GeneratedKeyFile(), KdfParams.DEFAULT, RANDOM);
    assertThatThrownBy(() -> Vault.create(dir, new KeySource.GeneratedKeyFile(), KdfParams.DEFAULT, RANDOM))
        .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.error()).isEqualTo(ClientError.ALREADY_INITIALIZED));
  }
}
