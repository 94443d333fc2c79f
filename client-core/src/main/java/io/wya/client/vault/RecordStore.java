package io.wya.client.vault;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/// Named records, each sealed under the vault's `store` key in its own file `<name>.rec`.
/// A write goes to a temporary file that is synced and then renamed over the old one, so a crash
/// leaves either the old record or the new one, never half of one.
public final class RecordStore {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*(/[a-z0-9_.-]+)*", Pattern.CASE_INSENSITIVE);
  private static final String SUFFIX = ".rec";

  private final Path root;
  private final SealedBox box;

  public RecordStore(Path root, SealedBox box) {
    this.root = root;
    this.box = box;
  }

  public Optional<byte[]> read(String name) {
    Path file = file(name);
    try {
      return Optional.of(box.open(name, Files.readAllBytes(file)));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ClientException(ClientError.IO, "could not read " + file + ": " + e.getMessage(), e);
    }
  }

  /// Whether the record exists (without reading or opening it).
  public boolean exists(String name) { return Files.exists(file(name)); }

  public void write(String name, byte[] value) {
    Path file = file(name);
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".tmp-", SUFFIX);
      try {
        Vault.ownerOnly(temp);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
          channel.write(java.nio.ByteBuffer.wrap(box.seal(name, value)));
          channel.force(true);
        }
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new ClientException(ClientError.IO, "could not write " + file + ": " + e.getMessage(), e);
    }
  }

  public void delete(String name) {
    try {
      Files.deleteIfExists(file(name));
    } catch (IOException e) {
      throw new ClientException(ClientError.IO, "could not delete record " + name + ": " + e.getMessage(), e);
    }
  }

  /// The names of the records directly under `folder` (no recursion), sorted.
  public List<String> list(String folder) {
    Path dir = root.resolve(folder);
    if (!Files.isDirectory(dir)) return List.of();
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX) && !n.startsWith("."))
          .sorted().forEach(n -> names.add(folder + "/" + n.substring(0, n.length() - SUFFIX.length())));
    } catch (IOException e) {
      throw new ClientException(ClientError.IO, "could not list " + dir + ": " + e.getMessage(), e);
    }
    return names;
  }

  private Path file(String name) {
    if (!NAME.matcher(name).matches() || name.contains("..")) throw new IllegalArgumentException("bad record name " + name);
    return root.resolve(name + SUFFIX);
  }
}
