package io.wya.gateway.conversation;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.wya.gateway.mailbox.Entry;
import io.wya.gateway.protocol.ConvId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// Group commit of application messages (ADR 0203): per conversation, one store statement at a
/// time from this instance; messages that arrive while it runs wait and go together in the next
/// one (one row lock, one commit, consecutive seqs in arrival order). Each caller learns its own
/// entry's fate: stored with its seq, or null when the full rules must decide. Thread-safe.
final class ApplicationBatcher {
  /// Most messages stored by one statement.
  static final int MAX_BATCH = 64;

  record Outcome(Entry stored, long epochNow) {}

  private record Item(Entry entry, Promise<Outcome> promise) {}

  private final ConversationStore store;
  private final int grace;
  private final Map<ConvId, ArrayDeque<Item>> waiting = new HashMap<>();

  ApplicationBatcher(ConversationStore store, int grace) {
    this.store = store;
    this.grace = grace;
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
      queue.add(new Item(entry, p));
    }
    if (start) flush(entry.conv());
    return p.future();
  }

  /// Stores what is waiting for `conv`; the conversation's queue stays in the map (marking a
  /// statement in flight) until it is empty after a statement.
  private void flush(ConvId conv) {
    List<Item> batch = new ArrayList<>();
    synchronized (waiting) {
      ArrayDeque<Item> queue = waiting.get(conv);
      while (!queue.isEmpty() && batch.size() < MAX_BATCH) batch.add(queue.poll());
    }
    List<Entry> entries = batch.stream().map(Item::entry).toList();
    // a statement fails as a whole when a racing writer stored one of its msg_ids after its
    // snapshot was taken; once more, that item alone is left out and the others keep their order
    store.appendApplications(conv, entries, grace).transform(first -> first.succeeded() ? Future.succeededFuture(first.result())
        : store.appendApplications(conv, entries, grace)).onComplete(ar -> {
      for (int i = 0; i < batch.size(); i++) {
        Entry stored = ar.succeeded() ? ar.result().stored().get(i) : null;
        batch.get(i).promise().complete(new Outcome(stored, ar.succeeded() ? ar.result().epochNow() : -1));
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
