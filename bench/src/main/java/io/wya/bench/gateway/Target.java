package io.wya.bench.gateway;

import io.vertx.core.Future;

/// A server under load: `rooms` rooms of `roomSize` connected devices, one sender per room.
interface Target {
  String name();

  /// Connects every device and forms the rooms (the first `senders` devices of a room send);
  /// completes when all are ready for traffic.
  Future<Void> setup(int rooms, int roomSize, int senders);

  /// Sender `sender` of `room` sends one stamped message.
  void send(int room, int sender);

  /// Called with (room, sender) whenever a sender receives its own message back.
  void onEcho(Echo echo);

  @FunctionalInterface
  interface Echo {
    void echoed(int room, int sender);
  }

  Future<Void> close();
}
