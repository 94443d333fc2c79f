package io.wya.gateway.transport;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.wya.gateway.protocol.CloseCode;
import io.wya.gateway.session.FrameSink;
import io.wya.gateway.session.Outbound;
import io.wya.gateway.session.Session;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The SSE fallback (GATEWAY_SPEC §3.2): `GET /v1/sse` opens a stream whose events carry the
/// server's frames (TRN-3); `POST /v1/sse/{stream_id}` carries one client frame each, to whichever
/// instance holds the stream (TRN-4, MULTI-2).
final class SseTransport {
  private static final Logger LOG = LoggerFactory.getLogger(SseTransport.class);
  static final String PROTOBUF = "application/x-protobuf";

  private final LoopContext loop;

  SseTransport(LoopContext loop) {
    this.loop = loop;
  }

  void open(HttpServerRequest request) {
    String address = loop.gate().clientAddress(request);
    request.pause();
    loop.gate().admit(address).onComplete(ar -> {
      ConnectionGate.Refusal refusal = ar.succeeded() ? ar.result() : null;
      if (refusal != null) {
        HttpReplies.refuse(request.response(), refusal.status(), refusal.code(), refusal.message(), refusal.retryAfterMs());
        return;
      }
      request.resume();
      start(request, address);
    });
  }

  private void start(HttpServerRequest request, String address) {
    String streamId = HexFormat.of().formatHex(loop.entropy().bytes(16));
    HttpServerResponse response = request.response();
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-store, no-transform").putHeader("X-Accel-Buffering", "no");
    Sink sink = new Sink(response, address, loop.settings().delivery().writeQueueBytes());
    Session session = loop.newSession(sink, streamId);
    sink.session = session;
    Duration ttl = loop.settings().sessions().heartbeatTimeout().multipliedBy(2);
    long refreshMs = loop.settings().sessions().heartbeatInterval().toMillis();
    Connection connection = new Connection() {
      private long lastRefresh = loop.nowMs();

      @Override public Session session() { return session; }

      @Override
      public void tick(long nowMs) {
        if (nowMs - lastRefresh >= refreshMs) {
          lastRefresh = nowMs;
          loop.directory().put(streamId, loop.instanceId(), ttl);
        }
      }
    };
    loop.streams().put(streamId, session);
    loop.opened(connection, "sse");
    Runnable closed = new Runnable() {
      private boolean done;

      @Override
      public void run() {
        if (done) return;
        done = true;
        session.onTransportClosed();
        loop.streams().remove(streamId, session);
        loop.directory().remove(streamId);
        loop.gate().release(address);
        loop.closed(connection, "sse");
      }
    };
    sink.onEnd = closed;
    response.closeHandler(v -> closed.run());
    response.exceptionHandler(t -> LOG.debug("sse stream error: {}", t.toString()));
    loop.directory().put(streamId, loop.instanceId(), ttl).onComplete(ar -> {
      if (ar.failed()) LOG.warn("could not register sse stream (POSTs to other instances will 404): {}", ar.cause().toString());
      session.start();
    });
  }

  /// `POST /v1/sse/{stream_id}` (TRN-4).
  void post(HttpServerRequest request, String streamId) {
    String type = request.getHeader("Content-Type");
    if (type == null || !type.split(";")[0].trim().equalsIgnoreCase(PROTOBUF)) {
      HttpReplies.error(request.response(), 415, "UNSUPPORTED_MEDIA_TYPE", "the body must be " + PROTOBUF + " (TRN-4)");
      return;
    }
    int max = loop.settings().limits().maxFrameBytes();
    String length = request.getHeader("Content-Length");
    if (length != null && parse(length) > max) {
      tooLarge(request, max);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] over = {false};
    request.handler(chunk -> {
      if (over[0]) return;
      if (body.length() + chunk.length() > max) {
        over[0] = true;
        tooLarge(request, max);
      } else {
        body.appendBuffer(chunk);
      }
    });
    request.endHandler(v -> {
      if (!over[0]) route(request, streamId, body.getBytes());
    });
  }

  private void route(HttpServerRequest request, String streamId, byte[] frame) {
    Session local = loop.streams().get(streamId);
    if (local != null) {
      local.receive(frame);
      HttpReplies.empty(request.response(), 202);
      return;
    }
    loop.directory().owner(streamId).compose(owner -> owner == null || owner.equals(loop.instanceId())
        ? io.vertx.core.Future.succeededFuture(false)
        : loop.fanout().sendStreamFrame(owner, streamId, frame)).onComplete(ar -> {
          if (ar.succeeded() && ar.result()) HttpReplies.empty(request.response(), 202);
          else if (ar.succeeded()) HttpReplies.error(request.response(), 404, "STREAM_UNKNOWN", "no open stream " + streamId + " (TRN-4)");
          else HttpReplies.error(request.response(), 503, "UNAVAILABLE", "cannot route the frame now; retry");
        });
  }

  private static void tooLarge(HttpServerRequest request, int max) {
    HttpReplies.error(request.response().putHeader("Connection", "close"), 413, "FRAME_TOO_LARGE",
        "the frame exceeds " + max + " bytes (TRN-4)");
  }

  private static long parse(String number) {
    try {
      return Long.parseLong(number.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /// Writes frames as SSE events; a close writes nothing more and ends the response (the
  /// session wrote `Closing` first, §3.2).
  private static final class Sink implements FrameSink {
    private final HttpServerResponse response;
    private final String address;
    private final long highWater;
    private long queued;
    private boolean high;
    private boolean ended;
    Session session;
    Runnable onEnd = () -> { };

    Sink(HttpServerResponse response, String address, long highWater) {
      this.response = response;
      this.address = address;
      this.highWater = highWater;
    }

    @Override
    public void write(Outbound frame) {
      if (ended) return;
      int n = frame.sseEvent().length;
      queued += n;
      if (queued > highWater) high = true;
      response.write(frame.sseBuffer()).onComplete(ar -> {
        queued -= n;
        if (high && queued <= highWater / 2) {
          high = false;
          session.onDrained();
        }
      });
    }

    @Override public long queuedBytes() { return queued; }

    @Override
    public void close(CloseCode code, String reason) {
      if (ended) return;
      ended = true;
      response.end().onComplete(ar -> onEnd.run());
    }

    @Override public String transport() { return "sse"; }

    @Override public String clientAddress() { return address; }
  }
}
