package io.wya.gateway.mailbox;

import io.vertx.core.Future;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/// Reading the conversation logs for one device, its ack cursors, and retention (GATEWAY_SPEC
/// §8). The store is the truth: every read is clamped to the device's window as stored, whatever
/// the session believes.
public interface MailboxStore {
  /// Every conversation the device is or was a member of (rows not yet deleted by retention).
  Future<List<Membership>> memberships(DeviceKey device);

  /// The membership of one device in one conversation, or null.
  Future<Membership> membership(ConvId conv, DeviceKey device);

  /// Entries with `seq > afterSeq` inside the device's window, in `seq` order: at most `limit`
  /// entries and, after the first, at most `maxBytes` of MLS bytes (so a catch-up holds a bounded
  /// amount of memory, BP-1). Missing seqs in the result were pruned (RET-2).
  Future<List<Entry>> read(ConvId conv, DeviceKey device, long afterSeq, int limit, int maxBytes);

  /// Raises the device's cursors to the given seqs (never lowers them; ACK-1).
  Future<Void> ack(DeviceKey device, Map<ConvId, Long> cursors);

  /// Retention (RET-1) and cleanup; returns the number of entries deleted.
  Future<Integer> prune(Instant minAgeCutoff, Instant maxAgeCutoff);
}
