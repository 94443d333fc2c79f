package io.wya.mls.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/// Crash-safe file replacement: write a temporary file next to the target, force it to disk,
/// rename it over the target atomically, then force the directory so the rename itself
/// survives a power cut. A crash at any point leaves the old file or the new one, never a
/// truncated one; stray temporaries (`*.tmp`) are removed by [#removeStrayTemporaries].
public final class AtomicFiles {
  static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /// Replaces `target` with `bytes` (file mode 0600 where supported).
  public static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ownerOnly(temp);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) ch.write(buf);
        ch.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + dir + " cannot rename atomically", e);
      }
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /// Deletes temporaries left by a crash between write and rename.
  public static void removeStrayTemporaries(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(TEMP_SUFFIX)) Files.deleteIfExists(p);
      }
    }
  }

  static void ownerOnly(Path path) {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: its own permissions apply
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (FileSystemException | UnsupportedOperationException e) {
      // some platforms cannot open a directory; the rename is still atomic there
    }
  }
}
