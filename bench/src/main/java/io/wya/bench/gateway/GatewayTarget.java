package io.wya.bench.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.wya.gateway.protocol.AuthMessage;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.FrameCodec;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.Ping;
import io.wya.gateway.protocol.Pong;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.ServerMessage;
import io.wya.gateway.testing.MlsDevice;
import io.wya.gateway.testing.MlsGroup;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/// The gateway as a [Target], set up through its real protocol: every device authenticates with
/// its Ed25519 key and uploads a BouncyCastle KeyPackage; each room's creator creates the MLS
/// group, claims the members' KeyPackages and commits them with a Welcome. Traffic is
/// application messages (PrivateMessage framing around a stamped ciphertext: the gateway never
/// decrypts, so the bytes inside need not be real ciphertext).
final class GatewayTarget implements Target {
  /// Bytes of the stamped ciphertext inside each PrivateMessage.
  static final int CIPHERTEXT = 120;

  /// How often every device sends a `Ping` of its own (GATEWAY_SPEC §5.3: a client may ping at
  /// any time), as a live client shows life; these devices send no acks (they would add cursor
  /// writes). Gateways before HB-4 pinged only connections they sent nothing to (HB-3), so a
  /// device that only received was closed by HB-2 after 75 s.
  static final long PING_EVERY_MS = 20_000;

  private final io.vertx.core.Vertx vertx;
  private final List<WebSocketClient> clients;
  private final int port;
  private long pinger = -1;
  private final Stats stats;
  private final List<List<Conn>> senders = new ArrayList<>();
  private final List<Conn> all = new ArrayList<>();
  private final List<ConvId> convs = new ArrayList<>();
  private volatile Echo echo = (r, x) -> { };

  GatewayTarget(io.vertx.core.Vertx vertx, List<WebSocketClient> clients, int port, Stats stats) {
    this.vertx = vertx;
    this.clients = clients;
    this.port = port;
    this.stats = stats;
  }

  @Override public String name() { return "realtime-gateway"; }

  /// One device's connection: replies by request id, stamped Delivers counted.
  final class Conn {
    final MlsDevice device;
    final int room;
    final int index;
    final boolean sender;
    final Map<Long, Promise<ServerFrame>> pending = new ConcurrentHashMap<>();
    final AtomicLong ids = new AtomicLong();
    final Promise<ServerFrame.Challenge> challenge = Promise.promise();
    WebSocket ws;

    Conn(MlsDevice device, int room, int index, boolean sender) {
      this.device = device;
      this.room = room;
      this.index = index;
      this.sender = sender;
    }

    Future<Void> open(WebSocketClient client) {
      return client.connect(port, "127.0.0.1", "/v1/ws").compose(socket -> {
        ws = socket;
        ws.binaryMessageHandler(this::received);
        ws.closeHandler(v -> failAll("the gateway closed the connection (" + ws.closeStatusCode() + " " + ws.closeReason() + ")"));
        return challenge.future();
      }).compose(c -> request(new ClientFrame.Authenticate(device.key(),
          device.signer().sign(AuthMessage.of(c.gatewayId(), c.nonce(), device.key())), "bench"))).mapEmpty();
    }

    private void failAll(String why) {
      challenge.tryFail(why);
      for (Long id : List.copyOf(pending.keySet())) {
        Promise<ServerFrame> p = pending.remove(id);
        if (p != null) p.tryFail(why);
      }
    }

    private void received(Buffer b) {
      byte[] bytes = b.getBytes();
      int tag = stats.received(bytes);
      if (tag >= 0) {
        if (sender && tag == index) echo.echoed(room, index);
        return;
      }
      ServerMessage m;
      try {
        m = FrameCodec.decodeServer(bytes);
      } catch (Exception e) {
        return;
      }
      switch (m.frame()) {
        case ServerFrame.Challenge c -> challenge.tryComplete(c);
        case ServerFrame.Closing c -> failAll("Closing " + c.code() + ": " + c.reason());
        case Ping p -> ws.writeBinaryMessage(Buffer.buffer(FrameCodec.encodeClient(0, new Pong(p.nonce()))));
        case ServerFrame.Sent s -> {
          Promise<ServerFrame> p = pending.remove(m.requestId());
          if (p != null) p.tryComplete(s);
        }
        case ServerFrame.Error e -> {
          Promise<ServerFrame> p = pending.remove(m.requestId());
          if (p != null) p.tryComplete(e);
          else stats.refused.increment();
        }
        default -> {
          Promise<ServerFrame> p = m.requestId() == 0 ? null : pending.remove(m.requestId());
          if (p != null) p.tryComplete(m.frame());
        }
      }
    }

    Future<ServerFrame> request(ClientFrame frame) {
      long id = ids.incrementAndGet();
      Promise<ServerFrame> p = Promise.promise();
      pending.put(id, p);
      ws.writeBinaryMessage(Buffer.buffer(FrameCodec.encodeClient(id, frame)));
      return p.future().compose(f -> f instanceof ServerFrame.Error e
          ? Future.failedFuture(new IllegalStateException(frame.getClass().getSimpleName() + ": " + e.code() + " " + e.message()))
          : Future.succeededFuture(f));
    }
  }

  @Override
  public Future<Void> setup(int rooms, int roomSize, int senderCount) {
    List<List<Conn>> byRoom = new ArrayList<>();
    List<Supplier<Future<?>>> connects = new ArrayList<>();
    for (int r = 0; r < rooms; r++) {
      List<Conn> room = new ArrayList<>();
      for (int i = 0; i < roomSize; i++) {
        Conn c = new Conn(MlsDevice.newUser(), r, i, i < senderCount);
        room.add(c);
        all.add(c);
        WebSocketClient client = clients.get(all.size() % clients.size());
        connects.add(() -> c.open(client));
      }
      byRoom.add(room);
    }
    List<Supplier<Future<?>>> uploads = new ArrayList<>();
    for (List<Conn> room : byRoom) {
      for (Conn c : room.subList(1, room.size())) {
        uploads.add(() -> c.request(new ClientFrame.UploadKeyPackages(List.of(new ClientFrame.KeyPackageUpload(c.device.keyPackage(30),
            false)))));
      }
    }
    List<Supplier<Future<?>>> groups = new ArrayList<>();
    for (List<Conn> room : byRoom) groups.add(() -> form(room));
    return Bounded.run(connects, 32)
        .onSuccess(v -> pinger = vertx.setPeriodic(1_000, new io.vertx.core.Handler<Long>() {
          private long tick;

          // a twentieth of the devices each second, so the pings never arrive as one burst
          @Override
          public void handle(Long id) {
            long slot = tick++ % (PING_EVERY_MS / 1_000);
            for (int i = (int) slot; i < all.size(); i += (int) (PING_EVERY_MS / 1_000)) {
              all.get(i).ws.writeBinaryMessage(Buffer.buffer(FrameCodec.encodeClient(0, new Ping(tick))));
            }
          }
        }))
        .compose(v -> progress(all.size() + " devices authenticated", Bounded.run(uploads, 32)))
        .compose(v -> progress(uploads.size() + " KeyPackages uploaded", Bounded.run(groups, 2)))
        .map(v -> {
      for (List<Conn> room : byRoom) senders.add(room.subList(0, senderCount));
      return null;
    });
  }

  private static <T> Future<T> progress(String done, Future<T> next) {
    System.out.println("  gateway setup: " + done);
    return next;
  }

  /// The creator creates the group, claims every member's KeyPackage and adds them all.
  private Future<Void> form(List<Conn> room) {
    Conn creator = room.getFirst();
    MlsGroup group = creator.device.createGroup(MlsDevice.random(32));
    ConvId conv = new ConvId(group.groupId());
    synchronized (convs) {
      while (convs.size() <= creator.room) convs.add(null);
      convs.set(creator.room, conv);
    }
    List<byte[]> keyPackages = new ArrayList<>();
    List<Supplier<Future<?>>> claims = new ArrayList<>();
    for (Conn member : room.subList(1, room.size())) {
      claims.add(() -> creator.request(new ClientFrame.ClaimKeyPackages(member.device.key().user(), List.of(), 1)).map(f -> {
        ServerFrame.KeyPackagesClaimed c = (ServerFrame.KeyPackagesClaimed) f;
        synchronized (keyPackages) {
          keyPackages.add(c.keyPackages().getFirst().keyPackage());
        }
        return null;
      }));
    }
    return creator.request(new ClientFrame.CreateConversation(conv, group.groupInfo(), ""))
        .compose(v -> Bounded.run(claims, 16))
        .compose(v -> {
          MlsGroup.Bundle add = group.commitAdd(keyPackages);
          return creator.request(new ClientFrame.Send(conv, new MsgId(MlsDevice.random(16)), add.commit(), add.welcome(),
              add.groupInfo(), ""));
        }).mapEmpty();
  }

  /// An application message at epoch 1 (after the Commit that formed the room): MLSMessage
  /// header, PrivateMessage fields, and the stamped ciphertext.
  static byte[] privateMessage(ConvId conv, int tag) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(CIPHERTEXT + 80);
    out.writeBytes(new byte[] {0, 1, 0, 2});
    byte[] group = conv.bytes();
    out.write(group.length);
    out.writeBytes(group);
    out.writeBytes(new byte[] {0, 0, 0, 0, 0, 0, 0, 1});
    out.write(1);
    out.write(0);
    out.write(16);
    byte[] senderData = new byte[16];
    ThreadLocalRandom.current().nextBytes(senderData);
    out.writeBytes(senderData);
    out.write(0x40 | (CIPHERTEXT >> 8));
    out.write(CIPHERTEXT & 0xFF);
    byte[] ciphertext = new byte[CIPHERTEXT];
    Stats.stamp(ciphertext, 0, tag);
    out.writeBytes(ciphertext);
    return out.toByteArray();
  }

  /// The size of the Deliver frame one message becomes (the baseline sends payloads this big).
  static int deliverFrameBytes() {
    ConvId conv = new ConvId(new byte[32]);
    return FrameCodec.encodeServer(0, new ServerFrame.Deliver(conv, 123_456, new MsgId(new byte[16]), io.wya.gateway.protocol.EntryKind.APPLICATION,
        1, privateMessage(conv, 0), new byte[0], null, "gw_bench", "gw_bench", System.currentTimeMillis())).length;
  }

  @Override
  public void send(int room, int sender) {
    Conn s = senders.get(room).get(sender);
    stats.sent.increment();
    long id = s.ids.incrementAndGet();
    byte[] msgId = new byte[16];
    ThreadLocalRandom.current().nextBytes(msgId);
    s.ws.writeBinaryMessage(Buffer.buffer(FrameCodec.encodeClient(id, new ClientFrame.Send(convs.get(room), new MsgId(msgId),
        privateMessage(convs.get(room), sender), new byte[0], new byte[0], ""))));
  }

  @Override public void onEcho(Echo echo) { this.echo = echo; }

  @Override
  public Future<Void> close() {
    vertx.cancelTimer(pinger);
    List<Future<Void>> closing = new ArrayList<>();
    for (Conn c : all) if (c.ws != null) closing.add(c.ws.close());
    return Future.join(closing).mapEmpty();
  }
}
