package io.wya.client.home;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/// An exclusive OS file lock on one lock file of the home directory, released on close (and by
/// the OS when the process dies, so a crash never leaves a stale lock). The holder's pid and
/// purpose are written into the file to name it in the error of the one that has to wait.
public final class HomeLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private HomeLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /// @throws ClientException `HOME_BUSY` when another process (or this one) holds the lock
  public static HomeLock acquire(Path file, String purpose) {
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        channel.close();
        throw new ClientException(ClientError.HOME_BUSY, "another wya process is using " + file.getParent()
            + (holder.isEmpty() ? "" : " (" + holder + ")") + "; wait for it or stop it");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ": " + purpose).getBytes(StandardCharsets.UTF_8)), 0);
      return new HomeLock(channel, lock);
    } catch (IOException e) {
      throw new ClientException(ClientError.IO, "could not lock " + file + ": " + e.getMessage(), e);
    }
  }

  @Override public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the OS releases the lock when the channel goes away
    }
  }
}
