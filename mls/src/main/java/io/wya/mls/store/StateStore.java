package io.wya.mls.store;

import io.wya.mls.MlsException;
import java.util.List;
import java.util.Optional;

/// Where the client keeps its state: named blobs (`device`, `group.<hex id>`), each replaced
/// atomically. Implementations that touch a disk keep every blob encrypted
/// ([EncryptedFileStore]); [InMemoryStateStore] keeps nothing beyond the process.
public interface StateStore extends AutoCloseable {
  /// Names are short, lower-case `[a-z0-9.-]`; anything else is a programming error.
  static String checkName(String name) {
    if (name == null || name.isEmpty() || name.length() > 200 || !name.matches("[a-z0-9][a-z0-9.-]*")) {
      throw new IllegalArgumentException("bad state name " + name);
    }
    return name;
  }

  /// The blob stored under `name`, if any.
  Optional<byte[]> read(String name) throws MlsException;

  /// Replaces the blob under `name` atomically: after a crash, either the old or the new blob is
  /// there, never a mix.
  void write(String name, byte[] plaintext) throws MlsException;

  /// Removes the blob (no error when absent).
  void delete(String name) throws MlsException;

  /// All names, sorted.
  List<String> names() throws MlsException;

  @Override
  void close();
}
