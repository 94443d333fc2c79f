package io.wya.client.chat;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.chat.proto.ChatPayload;
import io.wya.client.chat.proto.ConversationMeta;
import io.wya.client.chat.proto.Text;
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
  private final SerializedMls mls;
  private final ChatStore store;
  private final Clock clock;
  private final SecureRandom random;
  private final KeyPackagePool keyPackages;
  private final List<Consumer<ChatEvent>> listeners = new CopyOnWriteArrayList<>();
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
  private final Deliveries deliveries;
  private GatewayConnection connection;

  private record Waiter(ConvId conversation, Predicate<Conversation> until, CompletableFuture<Void> done) {}

  public ChatClient(Identity identity, MlsClient mls, ChatStore store, Clock clock, SecureRandom random, int keyPackagePoolTarget) {
    this.identity = identity;
    this.mls = new SerializedMls(mls);
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.keyPackages = new KeyPackagePool(this.mls, keyPackagePoolTarget);
    this.deliveries = new Deliveries(this.mls, store, clock, this::emit);
    this.deliveries.self(identity.system());
  }

  public void attach(GatewayConnection connection) {
    this.connection = connection;
    keyPackages.attach(connection);
    deliveries.attach(connection);
  }

  public void addListener(Consumer<ChatEvent> listener) { listeners.add(listener); }

  public List<Conversation> conversations() { return store.conversations(); }

  public List<ChatLine> history(Conversation c) { return store.history(c.id()); }

  /// Finds a conversation by what a person typed: its name (rooms), `@user` (the DM with that
  /// user, resolved by `users`), or a prefix of its hex id (at least 4 characters).
  public Conversation find(String reference, java.util.function.Function<String, SystemKey> users) {
    String ref = reference.strip();
    List<Conversation> all = store.conversations();
    if (ref.startsWith("@")) {
      SystemKey peer = users.apply(ref.substring(1));
      return all.stream().filter(c -> c.direct() && c.peer().equals(Optional.of(peer))).findFirst()
          .orElseThrow(() -> new ClientException(ClientError.NOT_FOUND, "no DM with " + ref.substring(1) + " yet (wya dm " + ref.substring(1) + ")"));
    }
    List<Conversation> byName = all.stream().filter(c -> !c.name().isEmpty() && c.name().equalsIgnoreCase(ref)).toList();
    if (byName.size() == 1) return byName.getFirst();
    if (byName.size() > 1) throw new ClientException(ClientError.INVALID_ARGUMENT, "several rooms are called " + ref + "; use the id");
    String hex = ref.toLowerCase(java.util.Locale.ROOT);
    if (hex.matches("[0-9a-f]{4,128}")) {
      List<Conversation> byId = all.stream().filter(c -> c.id().hex().startsWith(hex)).toList();
      if (byId.size() == 1) return byId.getFirst();
      if (byId.size() > 1) throw new ClientException(ClientError.INVALID_ARGUMENT, "the id " + ref + " is ambiguous");
    }
    throw new ClientException(ClientError.NOT_FOUND, "no conversation " + ref + " on this device (wya chat list)");
  }

  /// The KeyPackage top-up of the current session (done when the gateway holds a full pool).
  public CompletableFuture<Void> keyPackagesReady() { return keyPackages.ready(); }

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
    ServerFrame.KeyPackagesClaimed claimed = call(new ClientFrame.ClaimKeyPackages(new UserId(user.key().toByteArray()), List.of(),
        keyPackages.cipherSuite()), ServerFrame.KeyPackagesClaimed.class);
    if (claimed.keyPackages().isEmpty()) {
      throw new ClientException(ClientError.NOT_FOUND, "that user has no device registered for chat yet (they run any wya chat command once)");
    }
    List<byte[]> packages = claimed.keyPackages().stream().map(ServerFrame.ClaimedKeyPackage::keyPackage).toList();
    commit(conversation, () -> mls.addMembers(conversation.id().bytes(), packages));
    announce(conversation);
  }

  /// Encrypts and sends one message; returns its line once the gateway accepted it.
  public ChatLine send(Conversation conversation, String text) {
    requireActive(conversation);
    if (text.isBlank()) throw new ClientException(ClientError.INVALID_ARGUMENT, "the message is empty");
    long now = clock.millis();
    byte[] payload = ChatPayload.newBuilder().setText(Text.newBuilder().setBody(text).setSentMs(now)).build().toByteArray();
    ServerFrame.Sent sent = sendApplication(conversation, payload);
    ChatLine line = new ChatLine(conversation.id(), sent.seq(), Optional.of(identity.system()), now, text, false);
    store.append(line);
    emit(new ChatEvent.Line(store.get(conversation.id()).orElse(conversation), line));
    return line;
  }

  /// Blocks until every entry up to `seq` of the conversation has been processed.
  public void awaitProcessed(ConvId id, long seq) { await(id, c -> c.lastSeq() >= seq); }

  // ------------------------------------------------------------------ gateway events (event thread)

  @Override public void onReady(ServerFrame.Ready ready, boolean fresh) { keyPackages.topUp(); }

  @Override public void onKeyPackagesLow(ServerFrame.KeyPackagesLow low) { keyPackages.replenish(low.oneTimeCount()); }

  @Override public void onDeliver(ServerFrame.Deliver d) {
    deliveries.onDeliver(d);
    wake(d.convId());
  }

  @Override public void onCaughtUp(ServerFrame.CaughtUp caughtUp) {
    deliveries.flushAcks();
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
      call(new ClientFrame.CreateConversation(id, group.groupInfo(), ""), ServerFrame.ConversationCreated.class);
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

  private ServerFrame.Sent sendApplication(Conversation c, byte[] payload) {
    for (int attempt = 1; ; attempt++) {
      byte[] ciphertext = mls(() -> mls.encrypt(c.id().bytes(), payload));
      try {
        return send(new ClientFrame.Send(c.id(), newMsgId(), ciphertext, new byte[0], new byte[0], ""));
      } catch (ClientException e) {
        if (!(e.getCause() instanceof GatewayRejected r) || r.code() != ErrorCode.EPOCH_TOO_OLD || attempt == MAX_ATTEMPTS) throw e;
        long epoch = r.error().currentEpoch().orElse(epochOf(c.id()) + 1);
        await(c.id(), x -> epochOf(x.id()) >= epoch);
      }
    }
  }

  private void announce(Conversation c) {
    Conversation current = store.get(c.id()).orElse(c);
    byte[] meta = ChatPayload.newBuilder().setMeta(ConversationMeta.newBuilder().setName(current.name()).setDirect(current.direct()))
        .build().toByteArray();
    sendApplication(current, meta);
  }

  private void discardQuietly(Conversation c) {
    try {
      mls.discardPendingCommit(c.id().bytes());
    } catch (MlsException ignored) {
      // nothing pending: the echo applied it, or another Commit replaced it
    }
  }

  private long epochOf(ConvId id) { return mls(() -> mls.group(id.bytes()).epoch()); }

  private void await(ConvId id, Predicate<Conversation> until) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Waiter waiter = new Waiter(id, until, done);
    waiters.add(waiter);
    connection.onEventThread(() -> wake(id));
    try {
      done.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ClientException(ClientError.UNREACHABLE, "the gateway did not deliver the conversation's entries in time");
    } catch (ExecutionException e) {
      throw new ClientException(ClientError.UNREACHABLE, "waiting for the conversation failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(ClientError.INTERRUPTED, "interrupted");
    } finally {
      waiters.remove(waiter);
    }
  }

  private void wake(ConvId id) {
    Optional<Conversation> c = store.get(id);
    if (c.isEmpty()) return;
    for (Waiter w : waiters) {
      if (w.conversation().equals(id) && !w.done().isDone()) {
        try {
          if (w.until().test(c.get())) w.done().complete(null);
        } catch (RuntimeException e) {
          w.done().completeExceptionally(e);
        }
      }
    }
  }

  /// One `Send`, repeated on a fresh session when the gateway does not answer or the connection
  /// drops before the reply.
  private ServerFrame.Sent send(ClientFrame.Send frame) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call(frame, ServerFrame.Sent.class, SEND_TIMEOUT);
      } catch (ClientException e) {
        if (e.error() != ClientError.UNREACHABLE || attempt == MAX_ATTEMPTS) throw e;
        connection.reconnect("no answer to Send");
      }
    }
  }

  private <T extends ServerFrame> T call(ClientFrame frame, Class<T> type) { return call(frame, type, CALL_TIMEOUT); }

  private <T extends ServerFrame> T call(ClientFrame frame, Class<T> type, Duration timeout) {
    try {
      ServerFrame reply = connection.call(frame).get(timeout.toMillis(), TimeUnit.MILLISECONDS).frame();
      if (type.isInstance(reply)) return type.cast(reply);
      throw new ClientException(ClientError.BAD_RESPONSE, "the gateway answered " + reply.getClass().getSimpleName() + " to "
          + frame.getClass().getSimpleName());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof GatewayRejected r) {
        throw new ClientException(ClientError.SERVER_REJECTED, "the gateway refused " + frame.getClass().getSimpleName() + ": "
            + r.code() + (r.error().message().isEmpty() ? "" : " (" + r.error().message() + ")"), r);
      }
      if (cause instanceof ClientException c) throw c;
      throw new ClientException(ClientError.UNREACHABLE, "gateway request failed: " + cause, cause);
    } catch (TimeoutException e) {
      throw new ClientException(ClientError.UNREACHABLE, "the gateway did not answer " + frame.getClass().getSimpleName() + " in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(ClientError.INTERRUPTED, "interrupted");
    }
  }

  private void requireActive(Conversation c) {
    Conversation current = store.get(c.id()).orElseThrow(() -> new ClientException(ClientError.NOT_FOUND, "unknown conversation"));
    if (current.status() != Conversation.Status.ACTIVE) {
      throw new ClientException(ClientError.INVALID_ARGUMENT, "this device is no longer in the conversation (" + current.status() + ")");
    }
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
