package io.wya.gateway.contacts;

import io.vertx.core.Future;
import io.wya.gateway.protocol.UserId;
import java.util.List;
import java.util.Map;

/// The gateway's view of the social graph: FOLLOW and BLOCK edges merged last-writer-wins, the
/// contact relation derived from them, and the topic offsets the edges reflect (stored with the
/// edges, atomically, so that a replay never applies a record twice; ADR 0401).
///
/// Everything lives under a *generation*: a random id chosen when the projection is created.
/// When the generation marker is gone (the store was flushed or evicted), every instance notices
/// on its next apply ([GenerationLost]), adopts or creates a new generation, and replays the
/// topic from its beginning into it.
public interface ContactsProjection {
  /// The current generation, created when there is none, with the next offset to read of each
  /// partition that has been applied (absent partitions start at their beginning).
  Future<Generation> open();

  /// Applies the operations of records up to `lastOffset` (inclusive) of `partition`: operations
  /// below the stored next offset are skipped, the rest are merged, and the next offset becomes
  /// `lastOffset + 1`, all in one atomic step. Flips of the contact relation are published to
  /// every instance and returned.
  Future<ApplyOutcome> apply(String generation, int partition, long lastOffset, List<OffsetOp> ops);

  /// For each of `others`, whether it is a contact of `user` (ContactRule; never `user` itself).
  /// Fails with [ProjectionUnavailable] when the projection has no generation.
  Future<List<Boolean>> areContacts(UserId user, List<UserId> others);

  /// The projection's generation and where each partition stands.
  record Generation(String id, Map<Integer, Long> nextOffsets, boolean created) {
    public Generation {
      nextOffsets = Map.copyOf(nextOffsets);
    }
  }

  /// An operation with the offset of the record that carried it.
  record OffsetOp(long offset, GraphOp op) {}

  /// What an apply did.
  sealed interface ApplyOutcome permits Applied, AlreadyApplied, GenerationLost {}

  /// Applied: `operations` were new (the others were below the stored offset); the contact
  /// relation changed for the pairs in `flips`.
  record Applied(int operations, List<ContactFlip> flips) implements ApplyOutcome {
    public Applied {
      flips = List.copyOf(flips);
    }
  }

  /// Every record up to `lastOffset` had been applied before; nothing changed.
  record AlreadyApplied() implements ApplyOutcome {}

  /// The generation is not the current one any more: reopen and replay.
  record GenerationLost() implements ApplyOutcome {}

  /// The projection cannot answer (no generation yet, or the store is down).
  final class ProjectionUnavailable extends RuntimeException {
    public ProjectionUnavailable(String message) {
      super(message, null, false, false);
    }
  }
}
