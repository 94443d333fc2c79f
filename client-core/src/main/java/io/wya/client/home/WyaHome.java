package io.wya.client.home;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/// The directory one device keeps everything in (`~/.wya`, or `--home`):
///
/// | path | what |
/// |---|---|
/// | `vault.properties`, `vault.key` | how the master key is protected (decisions/0501) |
/// | `config.properties` | server URLs given to `init` (not secret) |
/// | `store/` | the client's records, each sealed under the vault (identity, events, chat) |
/// | `mls/` | the mls library's group state, encrypted under the vault's `mls` subkey |
/// | `state.lock` | held while a command changes the store |
/// | `session.lock` | held by the one process that has the gateway session (`listen`, `tui`, …) |
public final class WyaHome {
  private final Path dir;

  private WyaHome(Path dir) { this.dir = dir.toAbsolutePath().normalize(); }

  public static WyaHome at(Path dir) { return new WyaHome(dir); }

  public Path dir() { return dir; }

  public Path storeDir() { return dir.resolve("store"); }

  public Path mlsDir() { return dir.resolve("mls"); }

  public Path configFile() { return dir.resolve("config.properties"); }

  /// Creates the directory with mode 0700 when missing.
  public void create() {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        try {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
          // not POSIX
        }
      }
    } catch (IOException e) {
      throw new ClientException(ClientError.IO, "could not create " + dir + ": " + e.getMessage(), e);
    }
  }

  public Properties config() {
    Properties p = new Properties();
    if (!Files.exists(configFile())) return p;
    try (InputStream in = Files.newInputStream(configFile())) {
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new ClientException(ClientError.IO, "could not read " + configFile() + ": " + e.getMessage(), e);
    }
  }

  public void writeConfig(Properties config) {
    try (OutputStream out = Files.newOutputStream(configFile())) {
      config.store(out, "WYA client configuration (flags and WYA_SOCIAL_URL / WYA_GATEWAY_URL override it)");
    } catch (IOException e) {
      throw new ClientException(ClientError.IO, "could not write " + configFile() + ": " + e.getMessage(), e);
    }
  }

  public HomeLock lockState(String purpose) { return HomeLock.acquire(dir.resolve("state.lock"), purpose); }

  public HomeLock lockSession(String purpose) { return HomeLock.acquire(dir.resolve("session.lock"), purpose); }
}
