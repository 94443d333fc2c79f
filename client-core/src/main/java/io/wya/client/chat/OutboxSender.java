package io.wya.client.chat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.chat.proto.ChatPayload;
import io.wya.client.gateway.ConnectionState;
import io.wya.client.gateway.GatewayRejected;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.mls.MlsClient;
import io.wya.polycentric.SystemKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/// Sends the [Outbox], oldest first, on a thread of its own while a session is open
/// (decisions/0504). A message is encrypted only once the session has caught up (so it is in the
/// group's current epoch), its ciphertext is saved before the first transmission, and every
/// repeat — after a cut, a timeout, a restart — carries the same `msg_id` and bytes, so the
/// gateway stores it once and answers a repeat with the original seq (SEQ-2). It is done when
/// its `Sent` or its echo arrives, whichever is first.
///
/// Refusals: `EPOCH_TOO_OLD` proves the bytes were not stored (SEQ-2 is checked first), so the
/// message is encrypted again, under a new `msg_id`, once this device reached the gateway's epoch;
/// `RATE_LIMITED` waits; any other refusal ends the message with a system line. Messages of a
/// BROKEN conversation wait (for `wya chat rejoin`); those of a conversation this device left end.
final class OutboxSender implements AutoCloseable {
  static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
  static final Duration POLL = Duration.ofMillis(500);

  /// Blocks until this device processed the conversation up to `epoch` (or throws `UNREACHABLE`).
  interface EpochWait {
    void until(ConvId conversation, long epoch);
  }

  private final Outbox outbox;
  private final ChatStore store;
  private final MlsClient mls;
  private final GatewayCalls calls;
  private final SystemKey self;
  private final Clock clock;
  private final SecureRandom random;
  private final Consumer<ChatEvent> emit;
  private final EpochWait epochs;
  private final Map<String, CompletableFuture<Optional<ChatLine>>> waiting = new ConcurrentHashMap<>();
  private final Object signal = new Object();
  private boolean dirty = true;
  private volatile boolean closed;
  private Thread worker;

  OutboxSender(Outbox outbox, ChatStore store, MlsClient mls, GatewayCalls calls, SystemKey self, Clock clock, SecureRandom random,
               Consumer<ChatEvent> emit, EpochWait epochs) {
    this.outbox = outbox;
    this.store = store;
    this.mls = mls;
    this.calls = calls;
    this.self = self;
    this.clock = clock;
    this.random = random;
    this.emit = emit;
    this.epochs = epochs;
  }

  void start() {
    if (worker == null) worker = Thread.ofPlatform().daemon().name("wya-outbox").start(this::run);
  }

  /// Saves a message and schedules it; the future completes with its history line (empty for an
  /// announcement) once the gateway confirmed it, or fails when it was refused for good.
  CompletableFuture<Optional<ChatLine>> queue(Conversation c, byte[] payload, String text) {
    Outgoing o = outbox.add(c.id(), newMsgId(), payload, text, clock.millis());
    CompletableFuture<Optional<ChatLine>> done = future(o);
    emit.accept(new ChatEvent.Queued(c, o));
    wake();
    return done;
  }

  CompletableFuture<Optional<ChatLine>> future(Outgoing o) { return waiting.computeIfAbsent(o.entry(), k -> new CompletableFuture<>()); }

  /// Something changed (a session caught up, a conversation was rejoined): look at the outbox again.
  void wake() {
    synchronized (signal) {
      dirty = true;
      signal.notifyAll();
    }
  }

  /// The echo of an application message of ours (event thread): it was accepted at `d.seq()`.
  void echoed(ServerFrame.Deliver d) {
    outbox.byMsgId(d.convId(), d.msgId()).ifPresent(o -> resolve(o, d.seq(), d.acceptedAtMs()));
  }

  /// Whether nothing is waiting to be sent.
  boolean drained() { return outbox.pending().stream().noneMatch(o -> sendable(o).isPresent()); }

  @Override public void close() {
    closed = true;
    wake();
  }

  /// Waits (briefly) for the worker to leave; call after the connection closed, which fails a
  /// request it may be waiting for.
  void join(Duration timeout) {
    if (worker == null) return;
    try {
      worker.join(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ worker

  private void run() {
    while (!closed) {
      try {
        Optional<Outgoing> next = next();
        if (next.isEmpty()) {
          idle();
        } else if (live()) {
          transmit(next.get());
        }
      } catch (ClientException | IllegalStateException e) {
        if (!closed) pause(POLL);
      }
    }
  }

  /// The oldest message whose conversation can take it; messages of conversations this device
  /// is no longer in end here.
  private Optional<Outgoing> next() {
    synchronized (signal) {
      dirty = false;
    }
    for (Outgoing o : outbox.pending()) {
      Optional<Conversation> c = sendable(o);
      if (c.isPresent()) return Optional.of(o);
      Conversation.Status status = store.get(o.conversation()).map(Conversation::status).orElse(Conversation.Status.CLOSED);
      if (status == Conversation.Status.REMOVED || status == Conversation.Status.CLOSED) {
        fail(o, "this device is no longer in the conversation (" + status + ")");
      }
    }
    return Optional.empty();
  }

  private Optional<Conversation> sendable(Outgoing o) {
    return store.get(o.conversation()).filter(c -> c.status() == Conversation.Status.ACTIVE);
  }

  private void idle() {
    synchronized (signal) {
      if (!dirty && !closed) {
        try {
          signal.wait(POLL.toMillis() * 10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
  }

  /// Waits for a session that has caught up (its backlog may confirm some messages by their echo).
  private boolean live() {
    try {
      calls.connection().awaitCaughtUp().get(POLL.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      // the connection stopped for good (replaced, refused): keep everything for the next session
      closed = true;
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
      return false;
    }
  }

  private void transmit(Outgoing pending) {
    Outgoing o = pending;
    if (!o.encrypted()) {
      Outgoing plain = o;
      byte[] ciphertext;
      long epoch;
      try {
        ciphertext = ChatClient.mls(() -> mls.encrypt(plain.conversation().bytes(), plain.payload()));
        epoch = ChatClient.mls(() -> mls.group(plain.conversation().bytes()).epoch());
      } catch (ClientException e) {
        broken(plain, e.getMessage());
        return;
      }
      o = o.encryptedAs(ciphertext, epoch);
      if (!outbox.update(o)) return;
    }
    try {
      ServerFrame.Sent sent = calls.call(new ClientFrame.Send(o.conversation(), o.msgId(), o.mlsMessage(), new byte[0], new byte[0], ""),
          ServerFrame.Sent.class, SEND_TIMEOUT);
      resolve(o, sent.seq(), clock.millis());
    } catch (ClientException e) {
      Optional<GatewayRejected> refused = GatewayCalls.rejection(e);
      if (refused.isEmpty()) {
        // Only a Send that went unanswered on a live connection restarts it: one lost with its
        // connection was answered by the reconnect already, and restarting now would cut the new one.
        if (GatewayCalls.unanswered(e) && calls.connection().state() instanceof ConnectionState.Live) {
          calls.connection().reconnect("no answer to Send");
        }
        if (!closed) pause(POLL);
        return;
      }
      refused(o, refused.get());
    }
  }

  private void refused(Outgoing o, GatewayRejected r) {
    if (r.code() == ErrorCode.EPOCH_TOO_OLD) {
      long epoch = r.error().currentEpoch().orElse(o.epoch() + 1);
      try {
        epochs.until(o.conversation(), epoch);
      } catch (ClientException e) {
        return;
      }
      outbox.update(o.renewed(newMsgId()));
    } else if (r.code() == ErrorCode.RATE_LIMITED) {
      pause(Duration.ofMillis(Math.max(r.error().retryAfterMs(), POLL.toMillis())));
    } else {
      fail(o, "the gateway refused it: " + r.code());
    }
  }

  /// Encryption failed: this device's group state is missing or unusable. The conversation needs
  /// a rejoin; its messages wait for it.
  private void broken(Outgoing o, String why) {
    store.get(o.conversation()).filter(c -> c.status() == Conversation.Status.ACTIVE).ifPresent(c -> {
      Conversation b = c.withStatus(Conversation.Status.BROKEN);
      store.put(b);
      ChatLine line = new ChatLine(c.id(), c.lastSeq(), Optional.empty(), clock.millis(),
          "this device cannot use the conversation (" + why + "): wya chat rejoin " + c.shortId(), true);
      store.append(line);
      emit.accept(new ChatEvent.Updated(b));
      emit.accept(new ChatEvent.Line(b, line));
    });
  }

  /// The line goes into the history before the message leaves the outbox: whoever finds the
  /// outbox drained (`wya read`) finds the line, and a failed write keeps the message queued (it
  /// is repeated under its `msg_id`). Appending is idempotent per seq, so the echo and the `Sent`
  /// racing here keep one line.
  private void resolve(Outgoing o, long seq, long timeMs) {
    Optional<ChatLine> line = Optional.empty();
    if (outbox.contains(o)) {
      Optional<ChatLine> kept = textOf(o).map(text -> new ChatLine(o.conversation(), seq, Optional.of(self), timeMs, text, false));
      kept.ifPresent(store::append);
      if (outbox.remove(o)) {
        line = kept;
        store.get(o.conversation()).ifPresent(c -> kept.ifPresent(l -> emit.accept(new ChatEvent.Line(c, l))));
      }
    }
    CompletableFuture<Optional<ChatLine>> done = waiting.remove(o.entry());
    if (done != null) done.complete(line);
  }

  /// As in [#resolve], the system line is kept before the message leaves the outbox.
  private void fail(Outgoing o, String why) {
    if (!outbox.contains(o)) return;
    Optional<Conversation> conversation = store.get(o.conversation());
    Optional<ChatLine> line = conversation.flatMap(c -> textOf(o).map(text ->
        new ChatLine(c.id(), c.lastSeq(), Optional.empty(), clock.millis(), "not sent (" + why + "): " + text, true)));
    line.ifPresent(store::append);
    if (!outbox.remove(o)) return;
    conversation.ifPresent(c -> line.ifPresent(l -> emit.accept(new ChatEvent.Line(c, l))));
    CompletableFuture<Optional<ChatLine>> done = waiting.remove(o.entry());
    if (done != null) done.completeExceptionally(new ClientException(ClientError.SERVER_REJECTED, "not sent: " + why));
  }

  private static Optional<String> textOf(Outgoing o) {
    try {
      ChatPayload p = ChatPayload.parseFrom(o.payload());
      return p.hasText() ? Optional.of(p.getText().getBody()) : Optional.empty();
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  private void pause(Duration d) {
    synchronized (signal) {
      try {
        if (!closed) signal.wait(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
      }
    }
  }

  private MsgId newMsgId() {
    byte[] id = new byte[MsgId.MIN_LENGTH];
    random.nextBytes(id);
    return new MsgId(id);
  }
}
