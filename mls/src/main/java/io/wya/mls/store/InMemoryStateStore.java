package io.wya.mls.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/// A [StateStore] in memory (tests, and clients that must not persist anything).
public final class InMemoryStateStore implements StateStore {
  private final TreeMap<String, byte[]> blobs = new TreeMap<>();

  @Override public synchronized Optional<byte[]> read(String name) {
    return Optional.ofNullable(blobs.get(StateStore.checkName(name))).map(byte[]::clone);
  }

  @Override public synchronized void write(String name, byte[] plaintext) {
    blobs.put(StateStore.checkName(name), plaintext.clone());
  }

  @Override public synchronized void delete(String name) { blobs.remove(StateStore.checkName(name)); }

  @Override public synchronized List<String> names() { return new ArrayList<>(blobs.keySet()); }

  @Override public void close() {}
}
