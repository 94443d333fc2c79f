package io.wya.gateway.mailbox;

/// Where accepted entries go once their transaction committed: the local sessions and every
/// other instance (MULTI-1). Never blocks; delivery failures never undo an accepted entry (the
/// log is the truth and readers catch up from it).
@FunctionalInterface
public interface EntryPublisher {
  void publish(EntryEvent event);
}
