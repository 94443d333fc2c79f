package io.wya.bench.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.util.ArrayList;
import java.util.List;

/// The baseline as a [Target]: raw stamped payloads of the same size as the gateway's Deliver
/// frames, broadcast by [BareBroadcastServer].
final class BareTarget implements Target {
  private final Vertx vertx;
  private final List<WebSocketClient> clients;
  private final int port;
  private final Stats stats;
  private final int payloadBytes;
  private final List<List<WebSocket>> senders = new ArrayList<>();
  private final List<WebSocket> all = new ArrayList<>();
  private volatile Echo echo = (r, s) -> { };

  BareTarget(Vertx vertx, List<WebSocketClient> clients, int port, Stats stats, int payloadBytes) {
    this.vertx = vertx;
    this.clients = clients;
    this.port = port;
    this.stats = stats;
    this.payloadBytes = payloadBytes;
  }

  @Override public String name() { return "bare Vert.x broadcast"; }

  @Override
  public Future<Void> setup(int rooms, int roomSize, int senderCount) {
    List<java.util.function.Supplier<Future<?>>> connects = new ArrayList<>();
    WebSocket[][] sockets = new WebSocket[rooms][roomSize];
    for (int r = 0; r < rooms; r++) {
      for (int i = 0; i < roomSize; i++) {
        int room = r;
        int index = i;
        WebSocketClient client = clients.get((r * roomSize + i) % clients.size());
        connects.add(() -> client.connect(port, "127.0.0.1", "/ws?room=" + room).map(ws -> {
          sockets[room][index] = ws;
          ws.binaryMessageHandler(b -> {
            int tag = stats.received(b.getBytes());
            if (tag == index && index < senderCount) echo.echoed(room, index);
          });
          return ws;
        }));
      }
    }
    return Bounded.run(connects, 256).map(v -> {
      for (WebSocket[] room : sockets) {
        senders.add(List.of(room).subList(0, senderCount));
        for (WebSocket ws : room) all.add(ws);
      }
      return null;
    });
  }

  @Override
  public void send(int room, int sender) {
    byte[] payload = new byte[payloadBytes];
    Stats.stamp(payload, 0, sender);
    stats.sent.increment();
    senders.get(room).get(sender).writeBinaryMessage(Buffer.buffer(payload));
  }

  @Override public void onEcho(Echo echo) { this.echo = echo; }

  @Override
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    for (WebSocket ws : all) closing.add(ws.close());
    return Future.join(closing).mapEmpty();
  }
}
