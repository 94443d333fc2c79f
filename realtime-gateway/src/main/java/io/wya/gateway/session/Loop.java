package io.wya.gateway.session;

/// The single thread a session's state lives on (its Vert.x event loop; in unit tests the
/// calling thread). Every callback that may complete elsewhere comes back through [#run].
public interface Loop {
  /// True when the caller is on this loop.
  boolean inLoop();

  /// Runs `task` on this loop (at once when already on it).
  void run(Runnable task);

  /// A loop for code that is already single-threaded (unit tests).
  Loop DIRECT = new Loop() {
    @Override public boolean inLoop() { return true; }

    @Override public void run(Runnable task) { task.run(); }
  };
}
