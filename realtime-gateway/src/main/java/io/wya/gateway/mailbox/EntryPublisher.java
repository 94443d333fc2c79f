package io.wya.gateway.mailbox;

import java.util.List;

/// Where accepted entries go once their transaction committed: the local sessions and every
/// other instance (MULTI-1). Never blocks; delivery failures never undo an accepted entry (the
/// log is the truth and readers catch up from it).
@FunctionalInterface
public interface EntryPublisher {
  void publish(EntryEvent event);

  /// The entries one statement stored, in seq order (a group commit): published together, so
  /// that each event loop fans them out in one pass and each connection is written once.
  default void publishAll(List<EntryEvent> events) {
    for (EntryEvent e : events) publish(e);
  }
}
