package io.wya.client.chat;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.chat.proto.ChatPayload;
import io.wya.client.chat.proto.ConversationMeta;
import io.wya.client.chat.proto.Text;
import io.wya.client.gateway.ConnectionState;
import io.wya.client.gateway.GatewayConnection;
import io.wya.client.gateway.GatewayListener;
import io.wya.client.gateway.GatewayRejected;
import io.wya.client.identity.Identity;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.UserId;
import io.wya.mls.CommitBundle;
import io.wya.mls.GroupCreated;
import io.wya.mls.Member;
import io.wya.mls.MlsClient;
import io.wya.mls.MlsException;
import io.wya.polycentric.SystemKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/// Rooms and DMs over the `mls` library and the gateway: every conversation is an MLS group whose
/// id is the `conv_id`; a DM is a group of two users.
///
/// Deliveries are processed on the connection's event thread in `seq` order (DLV-1) and acked in
/// batches after they are stored; our own Commits are applied only when the gateway delivers them
/// back (the `mls` library stages them), and a Commit refused with `STALE_EPOCH` is discarded,
/// the winner processed, and the operation retried (EPOCH-1). The decrypted history is kept in the
/// [ChatStore]. Operations ([#createRoom], [#invite], [#send], …) block the calling thread, never
/// the event thread.
public final class ChatClient implements GatewayListener {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  /// A `Send` unanswered this long is sent again on a new session (same `msg_id`: SEQ-2 makes the
  /// repeat return the original `seq`).
  static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
  static final int MAX_ATTEMPTS = 5;

  private final Identity identity;
  private final MlsClient mls;
  private final ChatStore store;
  private final Clock clock;
  private final SecureRandom random;
  private final KeyPackagePool keyPackages;
  private final List<Consumer<ChatEvent>> listeners = new CopyOnWriteArrayList<>();
  private final ConversationWaits waits;
  private final Deliveries deliveries;
  private final Outbox outbox;
  private GatewayConnection connection;
  private GatewayCalls calls;
  private OutboxSender sender;
  private Rejoin rejoin;
  private volatile boolean autoRejoin;
  private final java.util.Set<ConvId> rejoinTried = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public ChatClient(Identity identity, MlsClient mls, ChatStore store, Outbox outbox, Clock clock, SecureRandom random,
                    int keyPackagePoolTarget) {
    this.identity = identity;
    this.mls = mls;
    this.store = store;
    this.outbox = outbox;
    this.waits = new ConversationWaits(store);
    this.clock = clock;
    this.random = random;
    this.keyPackages = new KeyPackagePool(this.mls, keyPackagePoolTarget);
    this.deliveries = new Deliveries(this.mls, store, clock, this::emit);
    this.deliveries.self(identity.system());
  }

  /// Binds the client to its connection and starts sending the outbox (messages left by an
  /// earlier process go out once this session has caught up).
  public void attach(GatewayConnection connection) {
    this.connection = connection;
    this.calls = new GatewayCalls(connection);
    this.sender = new OutboxSender(outbox, store, mls, calls, identity.system(), clock, random, this::emit,
        (id, epoch) -> await(id, x -> epochOf(x.id()) >= epoch));
    this.rejoin = new Rejoin(mls, store, calls, this, clock, random, this::emit);
    keyPackages.attach(connection);
    deliveries.attach(connection, sender::echoed);
    sender.start();
  }

  /// Stops the outbox sender (what it has not sent stays saved for the next session).
  public void stopSending() {
    if (sender != null) sender.close();
  }

  /// Waits up to `timeout` for the outbox sender to leave after [#stopSending].
  void awaitSenderStopped(Duration timeout) {
    if (sender != null) sender.join(timeout);
  }

  public void addListener(Consumer<ChatEvent> listener) { listeners.add(listener); }

  public List<Conversation> conversations() { return store.conversations(); }

  public List<ChatLine> history(Conversation c) { return store.history(c.id()); }

  /// This device's messages in `c` that the gateway has not confirmed yet, oldest first.
  public List<Outgoing> pending(Conversation c) { return outbox.pending(c.id()); }

  /// Finds a conversation by what a person typed ([ChatStore#find]).
  public Conversation find(String reference, java.util.function.Function<String, SystemKey> users) { return store.find(reference, users); }

  /// The KeyPackage top-up of the current session (done when the gateway holds a full pool).
  public CompletableFuture<Void> keyPackagesReady() { return keyPackages.ready(); }

  /// This device's KeyPackages on the gateway, once this session's top-up is done.
  public KeyPackageStatus keyPackageStatus() { return keyPackages.status(CALL_TIMEOUT); }

  // ------------------------------------------------------------------ operations

  /// A new room with this device as its only member.
  public Conversation createRoom(String name) { return create(name, false, Optional.empty()); }

  /// The DM with `peer`: the existing one, or a new two-user conversation with all their devices.
  public Conversation dm(SystemKey peer) {
    if (peer.equals(identity.system())) throw new ClientException(ClientError.INVALID_ARGUMENT, "a DM needs another user");
    Optional<Conversation> existing = store.conversations().stream()
        .filter(c -> c.direct() && c.peer().equals(Optional.of(peer)) && c.status() == Conversation.Status.ACTIVE).findFirst();
    if (existing.isPresent()) return existing.get();
    Conversation created = create("", true, Optional.of(peer));
    invite(created, peer);
    return store.get(created.id()).orElseThrow();
  }

  /// Adds every device of `user` (one Commit with a Welcome), then announces the conversation's
  /// name and kind so the newcomers learn it.
  public void invite(Conversation conversation, SystemKey user) {
    requireActive(conversation);
    ServerFrame.KeyPackagesClaimed claimed = calls.call(new ClientFrame.ClaimKeyPackages(new UserId(user.key().toByteArray()), List.of(),
        keyPackages.cipherSuite()), ServerFrame.KeyPackagesClaimed.class, CALL_TIMEOUT);
    if (claimed.keyPackages().isEmpty()) {
      throw new ClientException(ClientError.NOT_FOUND, "that user has no device registered for chat yet (they run any wya chat command once)");
    }
    List<byte[]> packages = claimed.keyPackages().stream().map(ServerFrame.ClaimedKeyPackage::keyPackage).toList();
    commit(conversation, () -> mls.addMembers(conversation.id().bytes(), packages));
    announce(conversation);
  }

  /// Saves one message in the outbox and sends it; returns its line once the gateway accepted it.
  /// When that takes longer than `wait` (the gateway is away) it throws `UNREACHABLE` — and the
  /// message stays queued on this device: this session keeps trying, and the next one sends it.
  public ChatLine send(Conversation conversation, String text, Duration wait) {
    CompletableFuture<ChatLine> sent = queue(conversation, text);
    try {
      return sent.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ClientException(ClientError.UNREACHABLE, "not sent yet (" + ConnectionState.describe(connection.state(), clock.instant())
          + "): the message is queued on this device and goes out with the next session (wya read, listen, tui, send)");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ClientException c) throw c;
      throw new ClientException(ClientError.UNREACHABLE, "sending failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(ClientError.INTERRUPTED, "interrupted; the message stays queued");
    }
  }

  public ChatLine send(Conversation conversation, String text) { return send(conversation, text, CALL_TIMEOUT); }

  /// Saves one message in the outbox (durable when this returns) and schedules it; the future
  /// completes with its line once the gateway accepted it.
  public CompletableFuture<ChatLine> queue(Conversation conversation, String text) {
    Conversation current = requireActive(conversation);
    if (text.isBlank()) throw new ClientException(ClientError.INVALID_ARGUMENT, "the message is empty");
    byte[] payload = ChatPayload.newBuilder().setText(Text.newBuilder().setBody(text).setSentMs(clock.millis())).build().toByteArray();
    return sender.queue(current, payload, text).thenApply(line -> line.orElseThrow());
  }

  /// Waits up to `timeout` until the outbox holds nothing this session could send.
  public boolean awaitOutboxSent(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!sender.drained()) {
      if (System.nanoTime() > end) return false;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /// Rejoins `c` by an external Commit when this device's state of it is lost or broken
  /// ([Rejoin]); `force` rejoins a conversation whose state looks fine. Queued messages of the
  /// conversation go out afterwards.
  public Conversation rejoin(Conversation c, boolean force) {
    Conversation current = store.get(c.id()).orElseThrow(() -> new ClientException(ClientError.NOT_FOUND, "unknown conversation"));
    Conversation done = rejoin.run(current, force);
    sender.wake();
    return done;
  }

  /// Long-lived sessions (listen, the TUI) rejoin broken conversations by themselves, once per
  /// conversation and session, after each catch-up.
  public void rejoinAutomatically(boolean on) {
    this.autoRejoin = on;
    if (on && connection != null && connection.awaitCaughtUp().isDone()) connection.onEventThread(this::rejoinBrokenLater);
  }

  private void rejoinBrokenLater() {
    if (autoRejoin && rejoin != null && store.conversations().stream().anyMatch(rejoin::needed)) {
      Thread.ofVirtual().name("wya-rejoin").start(this::rejoinBroken);
    }
  }

  private void rejoinBroken() {
    for (Conversation c : store.conversations()) {
      if (!rejoin.needed(c) || !rejoinTried.add(c.id())) continue;
      try {
        rejoin(c, false);
      } catch (ClientException e) {
        emit(new ChatEvent.Line(c, new ChatLine(c.id(), c.lastSeq(), Optional.empty(), clock.millis(),
            "could not rejoin (" + e.getMessage() + "): wya chat rejoin " + c.shortId(), true)));
      }
    }
  }

  /// Blocks until every entry up to `seq` of the conversation has been processed.
  public void awaitProcessed(ConvId id, long seq) { await(id, c -> c.lastSeq() >= seq); }

  // ------------------------------------------------------------------ gateway events (event thread)

  @Override public void onReady(ServerFrame.Ready ready, boolean fresh) { keyPackages.topUp(); }

  @Override public void onKeyPackagesLow(ServerFrame.KeyPackagesLow low) { keyPackages.replenish(); }

  @Override public void onDeliver(ServerFrame.Deliver d) {
    deliveries.onDeliver(d);
    wake(d.convId());
  }

  @Override public void onCaughtUp(ServerFrame.CaughtUp caughtUp) {
    deliveries.flushAcks();
    if (sender != null) sender.wake();
    rejoinBrokenLater();
    emit(new ChatEvent.CaughtUp(caughtUp.conversations()));
  }

  @Override public void onHistoryGap(ServerFrame.HistoryGap gap) { deliveries.onHistoryGap(gap); }

  /// Sends the acks of everything processed so far (event thread).
  public void flushAcks() { deliveries.flushAcks(); }

  // ------------------------------------------------------------------ internals

  private Conversation create(String name, boolean direct, Optional<SystemKey> peer) {
    GroupCreated group = mls(() -> mls.createGroup());
    ConvId id = new ConvId(group.groupId());
    try {
      calls.call(new ClientFrame.CreateConversation(id, group.groupInfo(), ""), ServerFrame.ConversationCreated.class, CALL_TIMEOUT);
    } catch (RuntimeException e) {
      mls(() -> {
        mls.forgetGroup(group.groupId());
        return null;
      });
      throw e;
    }
    Conversation c = new Conversation(id, name, direct, peer, clock.millis(), 0, Conversation.Status.ACTIVE);
    store.put(c);
    emit(new ChatEvent.Joined(c));
    return c;
  }

  /// Sends a staged Commit and waits for its echo; on `STALE_EPOCH` discards it, waits for the
  /// winner to be processed and stages again.
  private void commit(Conversation c, MlsCall<CommitBundle> stage) {
    for (int attempt = 1; ; attempt++) {
      CommitBundle bundle = mls(stage);
      try {
        ServerFrame.Sent sent = send(new ClientFrame.Send(c.id(), newMsgId(), bundle.commit(), bundle.welcome().orElse(new byte[0]),
            bundle.groupInfo(), ""));
        awaitProcessed(c.id(), sent.seq());
        return;
      } catch (ClientException e) {
        if (!(e.getCause() instanceof GatewayRejected r) || r.code() != ErrorCode.STALE_EPOCH || attempt == MAX_ATTEMPTS) {
          discardQuietly(c);
          throw e;
        }
        discardQuietly(c);
        long epoch = r.error().currentEpoch().orElse(bundle.epoch() + 1);
        await(c.id(), x -> epochOf(x.id()) >= epoch);
      }
    }
  }

  /// Tells newcomers the conversation's name and kind (through the outbox, like any message).
  private void announce(Conversation c) {
    Conversation current = store.get(c.id()).orElse(c);
    byte[] meta = ChatPayload.newBuilder().setMeta(ConversationMeta.newBuilder().setName(current.name()).setDirect(current.direct()))
        .build().toByteArray();
    try {
      sender.queue(current, meta, "").get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // still queued: the next session sends it
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ClientException x) throw x;
      throw new ClientException(ClientError.UNREACHABLE, "the announcement failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(ClientError.INTERRUPTED, "interrupted");
    }
  }

  private void discardQuietly(Conversation c) {
    try {
      mls.discardPendingCommit(c.id().bytes());
    } catch (MlsException ignored) {
      // nothing pending: the echo applied it, or another Commit replaced it
    }
  }

  private long epochOf(ConvId id) { return mls(() -> mls.group(id.bytes()).epoch()); }

  private void await(ConvId id, Predicate<Conversation> until) { waits.await(connection, id, until, CALL_TIMEOUT); }

  private void wake(ConvId id) { waits.wake(id); }

  /// One `Send` of a handshake, repeated on a fresh session when the gateway does not answer or
  /// the connection drops before the reply (same `msg_id` and bytes: SEQ-2).
  ServerFrame.Sent send(ClientFrame.Send frame) {
    for (int attempt = 1; ; attempt++) {
      try {
        return calls.call(frame, ServerFrame.Sent.class, SEND_TIMEOUT);
      } catch (ClientException e) {
        if (e.error() != ClientError.UNREACHABLE || attempt == MAX_ATTEMPTS) throw e;
        connection.reconnect("no answer to Send");
      }
    }
  }

  private Conversation requireActive(Conversation c) {
    Conversation current = store.get(c.id()).orElseThrow(() -> new ClientException(ClientError.NOT_FOUND, "unknown conversation"));
    if (current.status() == Conversation.Status.BROKEN) {
      throw new ClientException(ClientError.MLS, "this device's state of the conversation is broken: wya chat rejoin " + current.shortId());
    }
    if (current.status() != Conversation.Status.ACTIVE) {
      throw new ClientException(ClientError.INVALID_ARGUMENT, "this device is no longer in the conversation (" + current.status() + ")");
    }
    return current;
  }

  /// Members of a conversation (users, each once), for display.
  public List<SystemKey> members(Conversation c) {
    List<SystemKey> out = new ArrayList<>();
    for (SystemKey u : users(mls(() -> mls.group(c.id().bytes())).members())) if (!out.contains(u)) out.add(u);
    return out;
  }

  private static List<SystemKey> users(List<Member> members) { return Deliveries.users(members); }

  private MsgId newMsgId() {
    byte[] id = new byte[MsgId.MIN_LENGTH];
    random.nextBytes(id);
    return new MsgId(id);
  }

  void emit(ChatEvent event) {
    for (Consumer<ChatEvent> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        // a UI's failure must not stop message processing
      }
    }
  }

  interface MlsCall<T> {
    T run() throws MlsException;
  }

  static <T> T mls(MlsCall<T> call) {
    try {
      return call.run();
    } catch (MlsException e) {
      throw new ClientException(ClientError.MLS, e.getMessage(), e);
    }
  }

  }
