package io.wya.client.vault;

/// Argon2id cost of turning a passphrase into the vault key (RFC 9106). The defaults follow
/// RFC 9106 §4's second recommended option scaled to a laptop: 64 MiB, 3 passes, 1 lane.
///
/// @param memoryKib  memory in KiB
/// @param iterations passes over the memory
/// @param lanes      parallelism
public record KdfParams(int memoryKib, int iterations, int lanes) {
  public static final KdfParams DEFAULT = new KdfParams(64 * 1024, 3, 1);
  /// The floor `open` accepts from a vault header, so a tampered header cannot make the
  /// passphrase cheap to guess (OWASP's minimum for Argon2id).
  public static final KdfParams MINIMUM = new KdfParams(19 * 1024, 2, 1);

  public KdfParams {
    if (memoryKib < 8 || iterations < 1 || lanes < 1 || lanes > 16) throw new IllegalArgumentException("invalid Argon2 parameters");
  }

  boolean atLeastMinimum() { return memoryKib >= MINIMUM.memoryKib && iterations >= MINIMUM.iterations; }
}
