package io.wya.social.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// The words this node knows are in the vocabulary already, so that a post of common words costs
/// the ingest nothing: a bounded least-recently-used set, filled only with words whose insert
/// committed. Forgetting a word costs one redundant `on conflict do nothing` insert later.
public final class KnownWords {
  private final Map<String, Boolean> words;

  /// @param capacity words remembered (≥ 1)
  public KnownWords(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("the known-words capacity must be at least 1");
    this.words = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
      @Override protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) { return size() > capacity; }
    };
  }

  /// Those of `candidates` not known to be in the vocabulary, in their order.
  public synchronized List<String> unknown(Collection<String> candidates) {
    List<String> unknown = new ArrayList<>();
    for (String word : candidates) if (words.get(word) == null) unknown.add(word);
    return unknown;
  }

  /// Remembers words that are now in the vocabulary (their insert committed).
  public synchronized void rememberAll(Collection<String> committed) {
    for (String word : committed) words.put(word, Boolean.TRUE);
  }

  public synchronized int size() { return words.size(); }
}
