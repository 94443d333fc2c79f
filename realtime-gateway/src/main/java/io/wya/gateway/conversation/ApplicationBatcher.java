package io.wya.gateway.conversation;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.wya.gateway.mailbox.Entry;
import io.wya.gateway.mailbox.EntryEvent;
import io.wya.gateway.mailbox.EntryPublisher;
import io.wya.gateway.protocol.ConvId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// Group commit of application messages (ADR 0203): per conversation, one store statement at a
/// time from this instance; messages that arrive while it runs wait and go together in the next
/// one (one row lock, one commit, consecutive seqs in arrival order). What a statement stored is
/// published as one batch (ADR 0209) before its callers learn their entry's fate: stored with its
/// seq, or null when the full rules must decide. Thread-safe.
public final class ApplicationBatcher {
  /// Most messages stored by one statement.
  static final int MAX_BATCH = 64;

  /// What one statement cost: how many entries it stored, how long its oldest entry waited for
  /// it to start, and how long it took (OPS-2).
  public interface Observer {
    void batch(int size, long waitNanos, long storeNanos);

    Observer NONE = (size, wait, store) -> { };
  }

  /// `stored` is null when the fast path could not store the entry; a stored entry has been
  /// published already.
  record Outcome(Entry stored, long epochNow) {}

  private record Item(Entry entry, Promise<Outcome> promise, long queuedAt) {}

  private final ConversationStore store;
  private final EntryPublisher publisher;
  private final int grace;
  private final Observer observer;
  private final Map<ConvId, ArrayDeque<Item>> waiting = new HashMap<>();

  ApplicationBatcher(ConversationStore store, EntryPublisher publisher, int grace, Observer observer) {
    this.store = store;
    this.publisher = publisher;
    this.grace = grace;
    this.observer = observer;
  }

  Future<Outcome> submit(Entry entry) {
    Promise<Outcome> p = Promise.promise();
    boolean start;
    synchronized (waiting) {
      ArrayDeque<Item> queue = waiting.get(entry.conv());
      start = queue == null;
      if (start) {
        queue = new ArrayDeque<>();
        waiting.put(entry.conv(), queue);
      }
      queue.add(new Item(entry, p, System.nanoTime()));
    }
    if (start) flush(entry.conv());
    return p.future();
  }

  /// Stores what is waiting for `conv`; the conversation's queue stays in the map (marking a
  /// statement in flight) until it is empty after a statement was published.
  private void flush(ConvId conv) {
    List<Item> batch = take(conv);
    finish(conv, batch, store(conv, batch), System.nanoTime());
  }

  private List<Item> take(ConvId conv) {
    List<Item> batch = new ArrayList<>();
    synchronized (waiting) {
      ArrayDeque<Item> queue = waiting.get(conv);
      while (!queue.isEmpty() && batch.size() < MAX_BATCH) batch.add(queue.poll());
    }
    return batch;
  }

  private Future<ConversationStore.BatchResult> store(ConvId conv, List<Item> batch) {
    List<Entry> entries = batch.stream().map(Item::entry).toList();
    // a statement fails as a whole when a racing writer stored one of its msg_ids after its
    // snapshot was taken; once more, that item alone is left out and the others keep their order
    return store.appendApplications(conv, entries, grace).transform(first -> first.succeeded() ? Future.succeededFuture(first.result())
        : store.appendApplications(conv, entries, grace));
  }

  /// When `batch`'s statement completes: the next statement of the conversation goes out first
  /// (what waited meanwhile), then `batch` is published and answered, then the next one is
  /// awaited. Its outcome is looked at only after this batch was published, so every loop sees
  /// the conversation's entries in seq order even if a store answered at once.
  private void finish(ConvId conv, List<Item> batch, Future<ConversationStore.BatchResult> pending, long started) {
    pending.onComplete(ar -> {
      observer.batch(batch.size(), started - batch.getFirst().queuedAt(), System.nanoTime() - started);
      List<Item> next = take(conv);
      long nextStarted = System.nanoTime();
      Future<ConversationStore.BatchResult> nextPending = next.isEmpty() ? null : store(conv, next);
      List<Entry> stored = ar.succeeded() ? ar.result().stored() : null;
      List<EntryEvent> events = new ArrayList<>(batch.size());
      if (stored != null) for (Entry e : stored) if (e != null) events.add(EntryEvent.of(e));
      if (!events.isEmpty()) publisher.publishAll(events);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).promise().complete(new Outcome(stored == null ? null : stored.get(i), ar.succeeded() ? ar.result().epochNow() : -1));
      }
      if (nextPending != null) {
        finish(conv, next, nextPending, nextStarted);
        return;
      }
      boolean more;
      synchronized (waiting) {
        ArrayDeque<Item> queue = waiting.get(conv);
        more = !queue.isEmpty();
        if (!more) waiting.remove(conv);
      }
      if (more) flush(conv);
    });
  }
}
