package io.wya.bench.gateway;

import io.vertx.core.Future;

/// A server under load: `rooms` rooms of `roomSize` connected devices, one sender per room.
interface Target {
  String name();

  /// Connects every device and forms the rooms; completes when all are ready for traffic.
  Future<Void> setup(int rooms, int roomSize);

  /// The sender of `room` sends one stamped message.
  void send(int room);

  /// Called with the room index whenever a room's sender receives its own message back.
  void onEcho(java.util.function.IntConsumer echo);

  Future<Void> close();
}
