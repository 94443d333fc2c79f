package io.wya.bench.gateway;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/// The baseline: a bare Vert.x 5 WebSocket room broadcaster, written the way the gateway fans
/// out (one verticle per event loop, rooms kept per loop, one hand-off per loop per message) but
/// with nothing else: no auth, no protobuf, no store, no Redis. `GET /ws?room=N`; every binary
/// message is sent to every socket of its room, the sender included.
/// Usage: `BareBroadcastServer <port> <event loops>`.
public final class BareBroadcastServer {
  private BareBroadcastServer() {}

  /// One event loop's sockets, by room.
  private static final class Loop extends VerticleBase {
    final Map<String, List<ServerWebSocket>> rooms = new java.util.HashMap<>();
    private final int port;
    private final List<Loop> all;

    Loop(int port, List<Loop> all) {
      this.port = port;
      this.all = all;
    }

    Context context() { return context; }

    @Override
    public Future<?> start() {
      all.add(this);
      return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setRegisterWebSocketWriteHandlers(false))
          .webSocketHandler(this::open).listen(port);
    }

    private void open(ServerWebSocket ws) {
      String q = ws.query() == null ? "" : ws.query();
      String room = q.startsWith("room=") ? q.substring(5) : "";
      rooms.computeIfAbsent(room, r -> new ArrayList<>()).add(ws);
      ws.binaryMessageHandler(msg -> {
        for (Loop l : all) {
          if (l == this) l.broadcast(room, msg);
          else l.context().runOnContext(v -> l.broadcast(room, msg));
        }
      });
      ws.closeHandler(v -> rooms.getOrDefault(room, new ArrayList<>()).remove(ws));
    }

    void broadcast(String room, Buffer msg) {
      List<ServerWebSocket> sockets = rooms.get(room);
      if (sockets == null) return;
      for (ServerWebSocket s : sockets) s.writeBinaryMessage(msg);
    }
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int loops = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    List<Loop> all = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new Loop(port, all), new DeploymentOptions().setInstances(loops))
        .onSuccess(id -> System.out.println("bare broadcast server listening on " + port))
        .onFailure(t -> {
          t.printStackTrace();
          System.exit(1);
        });
  }

}
