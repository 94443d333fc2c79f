package io.wya.mls.wire;

import java.util.List;
import java.util.Optional;

/// `GroupSecrets` (RFC 9420 §12.4.3.1): what a Welcome's HPKE ciphertext carries for one new
/// member. Parsed by a client after decrypting its `EncryptedGroupSecrets`; contains secrets, so
/// callers must not log it.
///
/// @param pathSecret present when the committer's UpdatePath covers the new member's leaf
public record GroupSecrets(byte[] joinerSecret, Optional<byte[]> pathSecret, List<PreSharedKeyId> psks) {
  public GroupSecrets {
    psks = List.copyOf(psks);
  }
}
