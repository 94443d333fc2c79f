package io.wya.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/// PostgreSQL refuses to run as root. When the launcher is root (CI containers, these machines) it
/// runs PostgreSQL's programs as `nobody` through util-linux `setpriv`, in directories that user owns.
final class Unprivileged {
  static final String USER = "nobody";
  private static final String UID = "65534";

  private Unprivileged() {}

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static List<String> command(List<String> command) {
    if (!isRoot()) return command;
    List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /// Creates `dir` and, when root, gives it to `nobody`.
  static void ownedDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new LauncherException("could not create " + dir + ": " + e.getMessage(), e);
    }
    giveTo(dir);
  }

  /// When root, makes `nobody` the owner of an existing file or directory.
  static void giveTo(Path path) {
    if (!isRoot()) return;
    try {
      UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
      UserPrincipal user = lookup.lookupPrincipalByName(USER);
      GroupPrincipal group = lookup.lookupPrincipalByGroupName(groupOfNobody());
      PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
      view.setOwner(user);
      view.setGroup(group);
    } catch (IOException e) {
      throw new LauncherException("could not give " + path + " to user " + USER + ": " + e.getMessage(), e);
    }
  }

  /// Where PostgreSQL's files go: `preferred` when `nobody` can reach it, otherwise (root with the
  /// checkout under a private home directory) a stable place under /var/tmp named after it.
  static Path reachableDirectory(Path preferred) {
    if (!isRoot() || othersCanTraverse(preferred.getParent())) return preferred;
    String id = HexFormat.of().formatHex(sha256(preferred.toString())).substring(0, 12);
    return Path.of("/var/tmp", "wya-" + id, preferred.getFileName().toString());
  }

  private static boolean othersCanTraverse(Path dir) {
    try {
      for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
        if (!Files.exists(p)) continue;
        if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) return false;
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String groupOfNobody() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/group"))) {
        if (line.startsWith("nogroup:")) return "nogroup";
      }
    } catch (IOException ignored) {
      // fall through to the RHEL name
    }
    return "nobody";
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
