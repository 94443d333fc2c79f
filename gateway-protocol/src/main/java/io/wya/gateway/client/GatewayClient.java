package io.wya.gateway.client;

import io.wya.gateway.protocol.AuthMessage;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.FrameCodec;
import io.wya.gateway.protocol.FrameDecodeException;
import io.wya.gateway.protocol.Ping;
import io.wya.gateway.protocol.Pong;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.ServerMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/// A blocking client of the gateway protocol (GATEWAY_SPEC.md) over WebSocket or SSE, on the
/// JDK's HTTP client only. Every frame the gateway sends lands in an inbox, in arrival order;
/// [#request] picks the reply to its request id, [#next] takes frames in order. Pings are
/// answered automatically unless [#autoPong] is turned off. For tests, load tools and the CLI.
public final class GatewayClient implements AutoCloseable {
  /// The transport to use.
  public enum Transport { WEBSOCKET, SSE }

  /// Signs the authentication message with the user's Ed25519 system key (§5.1).
  @FunctionalInterface
  public interface Signer {
    byte[] sign(byte[] message);
  }

  /// How the connection ended: the WebSocket close code, or on SSE the `Closing` code
  /// ([#CUT] when the stream ended without one).
  public record Closed(int code, String reason) {}

  /// The close code reported for a connection that ended without a close code.
  public static final int CUT = -1;

  private final Channel channel;
  private final List<ServerMessage> inbox = new ArrayList<>();
  private final AtomicInteger requestIds = new AtomicInteger();
  private final ServerFrame.Challenge challenge;
  private volatile boolean autoPong = true;
  private Closed closed;

  interface Channel {
    void send(byte[] frame) throws IOException;

    void abort();

    void close();
  }

  interface Receiver {
    void frame(byte[] bytes);

    void closed(int code, String reason);
  }

  private GatewayClient(ChannelFactory factory, Duration timeout) throws IOException {
    this.channel = factory.open(new Receiver() {
      @Override public void frame(byte[] bytes) { received(bytes); }

      @Override public void closed(int code, String reason) { ended(code, reason); }
    });
    try {
      ServerMessage first = take(m -> true, timeout);
      if (!(first.frame() instanceof ServerFrame.Challenge c)) throw new IOException("the first frame is not a Challenge: " + first.frame());
      this.challenge = c;
    } catch (TimeoutException e) {
      channel.abort();
      throw new IOException("no Challenge within " + timeout);
    }
  }

  private interface ChannelFactory {
    Channel open(Receiver receiver) throws IOException;
  }

  /// Connects to the gateway at `base` (`http://host:port`) and waits for its Challenge.
  public static GatewayClient connect(URI base, Transport transport, Duration timeout) throws IOException {
    return connect(base, transport, timeout, java.util.Map.of());
  }

  /// Like [#connect(URI, Transport, Duration)], sending extra headers with the upgrade or the SSE
  /// GET and POSTs (e.g. a client-address header behind a proxy).
  public static GatewayClient connect(URI base, Transport transport, Duration timeout, java.util.Map<String, String> headers)
      throws IOException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    return new GatewayClient(receiver -> transport == Transport.WEBSOCKET
        ? WebSocketChannel.open(http, base, receiver, timeout, headers)
        : SseChannel.open(http, base, receiver, timeout, headers), timeout);
  }

  public ServerFrame.Challenge challenge() { return challenge; }

  /// Answer the gateway's Pings automatically (default) or leave them in the inbox.
  public GatewayClient autoPong(boolean on) {
    this.autoPong = on;
    return this;
  }

  /// Signs the challenge and authenticates; returns `Ready`, or throws with the error received.
  public ServerFrame.Ready authenticate(DeviceKey device, Signer signer, Duration timeout) throws IOException, TimeoutException {
    byte[] signature = signer.sign(AuthMessage.of(challenge.gatewayId(), challenge.nonce(), device));
    return ready(request(new ClientFrame.Authenticate(device, signature, "wya-gateway-client"), timeout));
  }

  /// Resumes with a token from an earlier `Ready`.
  public ServerFrame.Ready resume(byte[] token, Duration timeout) throws IOException, TimeoutException {
    return ready(request(new ClientFrame.Resume(token), timeout));
  }

  private static ServerFrame.Ready ready(ServerMessage m) throws IOException {
    if (m.frame() instanceof ServerFrame.Ready r) return r;
    throw new IOException("not authenticated: " + m.frame());
  }

  /// Sends `frame` with a fresh request id and waits for the reply with that id.
  public ServerMessage request(ClientFrame frame, Duration timeout) throws IOException, TimeoutException {
    long id = requestIds.incrementAndGet();
    send(id, frame);
    return take(m -> m.requestId() == id, timeout);
  }

  /// Like [#request], expecting a reply of `type` (an `Error` reply throws [GatewayError]).
  public <T extends ServerFrame> T call(ClientFrame frame, Class<T> type, Duration timeout) throws IOException, TimeoutException {
    ServerFrame reply = request(frame, timeout).frame();
    if (type.isInstance(reply)) return type.cast(reply);
    if (reply instanceof ServerFrame.Error e) throw new GatewayError(e);
    throw new IOException("expected " + type.getSimpleName() + ", got " + reply);
  }

  /// Sends `frame` with the given request id (0: no success reply, FRM-3).
  public void send(long requestId, ClientFrame frame) throws IOException {
    channel.send(FrameCodec.encodeClient(requestId, frame));
  }

  /// Sends raw bytes as one frame (for malformed-input tests).
  public void sendRaw(byte[] bytes) throws IOException {
    channel.send(bytes);
  }

  /// Sends a WebSocket text message (not a frame: TRN-1 tests). WebSocket only.
  public void sendText(String text) throws IOException {
    if (!(channel instanceof WebSocketChannel ws)) throw new IllegalStateException("not a WebSocket connection");
    ws.sendText(text);
  }

  /// Stops reading from the socket (a slow consumer; BP-1 tests). WebSocket only.
  public void pauseReading() {
    if (!(channel instanceof WebSocketChannel ws)) throw new IllegalStateException("not a WebSocket connection");
    ws.pauseReading();
  }

  /// Reads again after [#pauseReading].
  public void resumeReading() {
    if (!(channel instanceof WebSocketChannel ws)) throw new IllegalStateException("not a WebSocket connection");
    ws.resumeReading();
  }

  /// One raw `POST /v1/sse/{stream_id}`; returns the HTTP status (TRN-4 tests). SSE only.
  public int post(byte[] body, String contentType) throws IOException {
    if (!(channel instanceof SseChannel sse)) throw new IllegalStateException("not an SSE connection");
    return sse.post(body, contentType);
  }

  /// The next frame in arrival order (replies and pushes alike).
  public ServerMessage next(Duration timeout) throws TimeoutException {
    return take(m -> true, timeout);
  }

  /// The first frame of `type`, in arrival order; frames before it stay in the inbox.
  public <T extends ServerFrame> T next(Class<T> type, Duration timeout) throws TimeoutException {
    return type.cast(take(m -> type.isInstance(m.frame()), timeout).frame());
  }

  /// The first frame matching `filter`; frames before it stay in the inbox.
  public ServerMessage take(Predicate<ServerMessage> filter, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (inbox) {
      while (true) {
        for (int i = 0; i < inbox.size(); i++) {
          if (filter.test(inbox.get(i))) return inbox.remove(i);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || closed != null) {
          if (closed != null) {
            for (int i = 0; i < inbox.size(); i++) if (filter.test(inbox.get(i))) return inbox.remove(i);
          }
          throw new TimeoutException(closed != null ? "connection closed: " + closed : "nothing matching within " + timeout);
        }
        try {
          inbox.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TimeoutException("interrupted");
        }
      }
    }
  }

  /// Frames received and not yet taken.
  public List<ServerMessage> pending() {
    synchronized (inbox) {
      return List.copyOf(inbox);
    }
  }

  /// Waits until the connection ended; returns how.
  public Closed awaitClosed(Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (inbox) {
      while (closed == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new TimeoutException("still open after " + timeout);
        try {
          inbox.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TimeoutException("interrupted");
        }
      }
      return closed;
    }
  }

  public boolean isOpen() {
    synchronized (inbox) {
      return closed == null;
    }
  }

  /// Drops the connection without a close handshake (a network cut).
  public void kill() {
    channel.abort();
    ended(CUT, "killed by the client");
  }

  @Override
  public void close() {
    channel.close();
  }

  private void received(byte[] bytes) {
    ServerMessage m;
    try {
      m = FrameCodec.decodeServer(bytes);
    } catch (FrameDecodeException e) {
      m = new ServerMessage(0, ServerFrame.Error.of(ErrorCode.MALFORMED_FRAME, "client could not decode a server frame: " + e.getMessage()));
    }
    if (autoPong && m.frame() instanceof Ping p) {
      try {
        send(0, new Pong(p.nonce()));
      } catch (IOException ignored) {
        // the connection is going away; the close will be reported
      }
      return;
    }
    synchronized (inbox) {
      inbox.add(m);
      inbox.notifyAll();
    }
  }

  private void ended(int code, String reason) {
    synchronized (inbox) {
      if (closed == null) closed = new Closed(code, reason);
      inbox.notifyAll();
    }
  }

  /// An `Error` frame received where a success reply was expected.
  public static final class GatewayError extends IOException {
    private final ServerFrame.Error error;

    public GatewayError(ServerFrame.Error error) {
      super(error.code() + ": " + error.message());
      this.error = error;
    }

    public ServerFrame.Error error() { return error; }
  }
}
