package io.wya.client.gateway;

import io.wya.gateway.protocol.ClientMessage;
import io.wya.gateway.protocol.FrameCodec;
import io.wya.gateway.protocol.FrameDecodeException;
import io.wya.gateway.protocol.ServerFrame;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/// A scripted gateway for tests of the connection logic without sockets (the Netty
/// `EmbeddedChannel` idea): every opened transport is queued; the test reads the frames the client
/// sent and pushes server frames back.
public final class FakeGateway implements Transport.Factory {
  final Set<TransportKind> refused = EnumSet.noneOf(TransportKind.class);
  int refusalStatus = 404;
  final BlockingQueue<Conn> opened = new LinkedBlockingQueue<>();
  final BlockingQueue<TransportKind> attempts = new LinkedBlockingQueue<>();

  @Override public Transport open(TransportKind kind, Transport.Listener listener) throws TransportException {
    attempts.add(kind);
    if (refused.contains(kind)) throw new TransportException(refusalStatus, 0, kind + " refused by the fake", null);
    Conn c = new Conn(kind, listener);
    opened.add(c);
    return c;
  }

  public Conn next() throws InterruptedException {
    Conn c = opened.poll(10, TimeUnit.SECONDS);
    if (c == null) throw new AssertionError("the client opened no connection");
    return c;
  }

  public static final class Conn implements Transport {
    /// Plays the handshake: a Challenge, the client's Authenticate, a Ready for `device`.
    public void ready(io.wya.client.identity.Identity device) throws InterruptedException {
      push(0, new ServerFrame.Challenge(new byte[32], "gw_test", 0, 25_000, 75_000, new ServerFrame.Limits(1 << 20, 1 << 18, 100, 100, 30), ""));
      ClientMessage auth = take();
      push(auth.requestId(), new ServerFrame.Ready("s", new byte[32], 600_000, false, "gw_test", device.deviceKey()));
    }

    final TransportKind kind;
    final Transport.Listener listener;
    final BlockingQueue<ClientMessage> sent = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closedByClient = new CompletableFuture<>();
    private volatile boolean closed;

    Conn(TransportKind kind, Transport.Listener listener) {
      this.kind = kind;
      this.listener = listener;
    }

    @Override public TransportKind kind() { return kind; }

    @Override public CompletableFuture<Void> send(byte[] frame) {
      if (closed) return CompletableFuture.failedFuture(new IllegalStateException("closed"));
      try {
        sent.add(FrameCodec.decodeClient(frame));
      } catch (FrameDecodeException e) {
        throw new AssertionError("the client sent an invalid frame: " + e.getMessage());
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override public void close(int code, String reason) {
      closedByClient.complete(code);
      serverClose(code, reason);
    }

    public void push(long requestId, ServerFrame frame) { listener.onFrame(FrameCodec.encodeServer(requestId, frame)); }

    public void serverClose(int code, String reason) {
      if (closed) return;
      closed = true;
      listener.onClosed(code, reason);
    }

    /// The next frame the client sent within `wait`, or null.
    public ClientMessage poll(java.time.Duration wait) throws InterruptedException { return sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS); }

    public ClientMessage take() throws InterruptedException {
      ClientMessage m = sent.poll(10, TimeUnit.SECONDS);
      if (m == null) throw new AssertionError("the client sent nothing");
      return m;
    }
  }
}
