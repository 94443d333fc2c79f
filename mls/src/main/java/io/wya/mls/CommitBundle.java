package io.wya.mls;

import java.util.Optional;

/// A Commit of ours, to send as one `Send` (GATEWAY_SPEC §7.4 "Commit bundles"): `mls_message` =
/// [#commit()], `welcome` = [#welcome()] when members are added, `group_info` = [#groupInfo()].
/// It is *not* applied yet: the group moves to `epoch + 1` when the gateway delivers the Commit
/// back ([MlsClient#process]); on `STALE_EPOCH` call [MlsClient#discardPendingCommit], process
/// what arrives, and retry.
///
/// @param epoch the epoch the Commit was made in
public record CommitBundle(byte[] groupId, long epoch, byte[] commit, Optional<byte[]> welcome, byte[] groupInfo) {}
