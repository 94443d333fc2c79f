package io.wya.devservices;

/// One process of the local stack.
interface LocalService {
  String name();

  /// Where clients reach it, e.g. `127.0.0.1:25432`.
  String endpoint();

  Status status();

  /// Starts the service unless it already runs, and returns once a real readiness check passed.
  /// Returns a short note for the user (what was started or found).
  String start();

  /// Stops the service if we started it. Returns whether something was running.
  boolean stop();

  enum State { RUNNING, STOPPED, PORT_TAKEN }

  record Status(State state, String detail) {}
}
