package io.wya.client;

/// Reports long work (the first sync of a large feed, catching up a mailbox) to whoever shows it.
public interface Progress {
  Progress NONE = new Progress() {
    @Override public void begin(String task, long total) {}

    @Override public void advance(long amount) {}

    @Override public void end() {}
  };

  /// Work of `total` units starts (0 when unknown).
  void begin(String task, long total);

  /// `amount` more units are done.
  void advance(long amount);

  void end();
}
