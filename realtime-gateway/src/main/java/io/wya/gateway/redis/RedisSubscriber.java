package io.wya.gateway.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/// One Redis connection in subscribe mode, shared by every pub/sub user of an instance. Redis
/// pub/sub is at-most-once: a message published while the connection is down is lost. So when the
/// connection drops, this reconnects (100 ms doubling to 5 s), subscribes every channel again and
/// then calls the *resync* handlers, whose job is to re-read whatever they might have missed.
public final class RedisSubscriber {
  private static final long FIRST_RETRY_MS = 100;
  private static final long MAX_RETRY_MS = 5_000;
  /// Channels per SUBSCRIBE command when resubscribing.
  private static final int SUBSCRIBE_BATCH = 500;

  private final Vertx vertx;
  private final Redis client;
  private final Map<String, Consumer<String>> channels = new ConcurrentHashMap<>();
  private final List<Runnable> resyncHandlers = new CopyOnWriteArrayList<>();
  private volatile RedisConnection connection;
  private volatile boolean closed;
  private long retryMs = FIRST_RETRY_MS;

  private RedisSubscriber(Vertx vertx, Redis client) {
    this.vertx = vertx;
    this.client = client;
  }

  /// Connects; the future completes once the connection is up.
  public static Future<RedisSubscriber> start(Vertx vertx, Redis client) {
    RedisSubscriber s = new RedisSubscriber(vertx, client);
    return s.connect().map(s);
  }

  /// A subscriber that connects in the background and keeps retrying while Redis is down (an
  /// instance must start, and report itself not ready, without its Redis). Channels subscribed
  /// meanwhile are subscribed on connect, followed by a resync.
  public static RedisSubscriber startInBackground(Vertx vertx, Redis client) {
    RedisSubscriber s = new RedisSubscriber(vertx, client);
    s.connect().onSuccess(v -> s.resyncHandlers.forEach(Runnable::run)).onFailure(e -> s.lostAtStart());
    return s;
  }

  private void lostAtStart() {
    if (!closed) vertx.setTimer(retryMs, t -> reconnect());
  }

  /// Called after a reconnect, once every channel is subscribed again.
  public void onResync(Runnable handler) { resyncHandlers.add(handler); }

  /// Subscribes `channel`; messages go to `handler` (on the connection's context). The future
  /// completes when Redis confirmed the subscription, so a message published after it arrives.
  public Future<Void> subscribe(String channel, Consumer<String> handler) {
    channels.put(channel, handler);
    RedisConnection c = connection;
    if (c == null) return Future.succeededFuture(); // the reconnect subscribes it
    return c.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).mapEmpty();
  }

  public Future<Void> unsubscribe(String channel) {
    if (channels.remove(channel) == null) return Future.succeededFuture();
    RedisConnection c = connection;
    if (c == null) return Future.succeededFuture();
    return c.send(Request.cmd(Command.UNSUBSCRIBE).arg(channel)).mapEmpty();
  }

  public int channelCount() { return channels.size(); }

  public Future<Void> close() {
    closed = true;
    RedisConnection c = connection;
    connection = null;
    return c == null ? Future.succeededFuture() : c.close();
  }

  /// Drops the connection as a network failure would (tests of the resync path).
  public void dropConnectionForTest() {
    RedisConnection c = connection;
    if (c != null) c.close();
  }

  private Future<Void> connect() {
    return client.connect().compose(c -> {
      c.handler(this::onMessage);
      c.exceptionHandler(e -> lost(c));
      c.endHandler(v -> lost(c));
      connection = c;
      return resubscribeAll(c);
    });
  }

  private Future<Void> resubscribeAll(RedisConnection c) {
    List<String> all = new ArrayList<>(channels.keySet());
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < all.size(); i += SUBSCRIBE_BATCH) {
      List<String> batch = all.subList(i, Math.min(all.size(), i + SUBSCRIBE_BATCH));
      Request r = Request.cmd(Command.SUBSCRIBE);
      batch.forEach(r::arg);
      chain = chain.compose(v -> c.send(r).mapEmpty());
    }
    return chain;
  }

  private void lost(RedisConnection c) {
    if (connection != c) return;
    connection = null;
    if (!closed) vertx.setTimer(retryMs, t -> reconnect());
  }

  private void reconnect() {
    if (closed) return;
    connect().onSuccess(v -> {
      retryMs = FIRST_RETRY_MS;
      resyncHandlers.forEach(Runnable::run);
    }).onFailure(e -> {
      connection = null;
      retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
      vertx.setTimer(retryMs, t -> reconnect());
    });
  }

  private void onMessage(Response r) {
    // RESP2 delivers ["message", channel, payload] as MULTI, RESP3 as PUSH.
    if (r.type() != ResponseType.PUSH && r.type() != ResponseType.MULTI) return;
    if (r.size() < 3 || !"message".equals(r.get(0).toString())) return;
    Consumer<String> handler = channels.get(r.get(1).toString());
    if (handler != null) handler.accept(r.get(2).toString());
  }
}
