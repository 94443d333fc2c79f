package io.wya.client.chat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.client.ClientException;
import io.wya.client.chat.proto.ChatPayload;
import io.wya.client.chat.proto.ConversationMeta;
import io.wya.client.gateway.GatewayConnection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.mls.Member;
import io.wya.mls.MlsClient;
import io.wya.mls.MlsException;
import io.wya.mls.Processed;
import io.wya.polycentric.SystemKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/// What the gateway delivers, processed on the connection's event thread in `seq` order (DLV-1):
/// Welcomes join, Commits and proposals go through the `mls` library, application messages are
/// decrypted and stored, and each entry is acked once stored — in batches: every [#ACK_EVERY]
/// entries, at `CaughtUp`, and [#ACK_DELAY] after the last entry. An entry at or below the
/// conversation's processed `seq` is skipped (delivery is at least once, DLV-4).
final class Deliveries {
  static final int ACK_EVERY = 64;
  static final Duration ACK_DELAY = Duration.ofMillis(250);

  private final MlsClient mls;
  private final ChatStore store;
  private final Clock clock;
  private final Consumer<ChatEvent> emit;
  private final Map<ConvId, Long> unacked = new LinkedHashMap<>();
  private GatewayConnection connection;
  private Consumer<ServerFrame.Deliver> ownEcho = d -> { };
  private int unackedEntries;
  private boolean ackScheduled;
  private SystemKey self;

  Deliveries(MlsClient mls, ChatStore store, Clock clock, Consumer<ChatEvent> emit) {
    this.mls = mls;
    this.store = store;
    this.clock = clock;
    this.emit = emit;
  }

  /// @param ownEcho told of every echo of this device's own application messages (the outbox
  ///                marks them sent)
  void attach(GatewayConnection connection, Consumer<ServerFrame.Deliver> ownEcho) {
    this.connection = connection;
    this.ownEcho = ownEcho;
  }

  void self(SystemKey me) { this.self = me; }

  void onDeliver(ServerFrame.Deliver d) {
    try {
      handle(d);
    } catch (MlsException e) {
      if (e.error() == io.wya.mls.MlsError.UNKNOWN_GROUP || e.error() == io.wya.mls.MlsError.STATE_CORRUPT) lostState(d, e);
      else systemLine(d.convId(), d.seq(), d.acceptedAtMs(), "could not process entry " + d.seq() + ": " + e.error(), Optional.empty());
    } catch (ClientException | IllegalArgumentException e) {
      systemLine(d.convId(), d.seq(), d.acceptedAtMs(), "could not process entry " + d.seq() + ": " + e.getMessage(), Optional.empty());
    }
    store.get(d.convId()).ifPresent(c -> store.put(c.withLastSeq(d.seq())));
    unacked.merge(d.convId(), d.seq(), Math::max);
    if (++unackedEntries >= ACK_EVERY) flushAcks();
    else if (!ackScheduled) {
      ackScheduled = true;
      connection.schedule(this::flushAcks, ACK_DELAY);
    }
  }

  /// The conversation is known but this device's MLS state of it is gone or unreadable: it must
  /// rejoin (decisions/0506); said once, when the conversation turns BROKEN.
  private void lostState(ServerFrame.Deliver d, MlsException e) {
    Optional<Conversation> c = store.get(d.convId());
    if (c.isEmpty() || c.get().status() != Conversation.Status.ACTIVE) return;
    Conversation broken = c.get().withStatus(Conversation.Status.BROKEN);
    store.put(broken);
    systemLine(d.convId(), d.seq(), d.acceptedAtMs(), "this device lost its state of the conversation (" + e.error()
        + "): wya chat rejoin " + broken.shortId(), Optional.empty());
    emit.accept(new ChatEvent.Updated(broken));
  }

  void onHistoryGap(ServerFrame.HistoryGap gap) {
    systemLine(gap.convId(), gap.fromSeq(), clock.millis(), "messages " + gap.fromSeq() + "–" + gap.toSeq()
        + " expired on the gateway before this device fetched them", Optional.empty());
  }

  /// Sends the acks of everything processed so far (event thread).
  void flushAcks() {
    ackScheduled = false;
    unackedEntries = 0;
    if (unacked.isEmpty() || connection == null) return;
    List<ClientFrame.Cursor> cursors = new ArrayList<>();
    unacked.forEach((conv, seq) -> cursors.add(new ClientFrame.Cursor(conv, seq)));
    unacked.clear();
    connection.fire(new ClientFrame.Ack(cursors));
  }

  private void handle(ServerFrame.Deliver d) throws MlsException {
    Optional<Conversation> known = store.get(d.convId());
    if (known.isPresent() && d.seq() <= known.get().lastSeq()) return;
    switch (d.kind()) {
      case WELCOME -> join(d);
      case APPLICATION, COMMIT, PROPOSAL -> {
        if (known.isEmpty()) return;
        processed(known.get(), d, mls.process(d.convId().bytes(), d.seq(), d.mlsMessage()));
      }
      case RESET -> known.ifPresent(c -> {
        store.put(c.withStatus(Conversation.Status.CLOSED));
        systemLine(d.convId(), d.seq(), d.acceptedAtMs(), "the conversation was closed and restarted elsewhere", Optional.empty());
      });
    }
  }

  private void join(ServerFrame.Deliver d) throws MlsException {
    byte[] groupId = mls.joinFromWelcome(d.mlsMessage(), d.seq());
    ConvId id = new ConvId(groupId);
    List<SystemKey> others = otherUsers(id);
    Conversation c = new Conversation(id, "", false, others.size() == 1 ? Optional.of(others.getFirst()) : Optional.empty(),
        d.acceptedAtMs(), d.seq(), Conversation.Status.ACTIVE);
    store.put(c);
    systemLine(id, d.seq(), d.acceptedAtMs(), "you joined", Optional.empty());
    emit.accept(new ChatEvent.Joined(c));
  }

  private void processed(Conversation c, ServerFrame.Deliver d, Processed p) {
    switch (p) {
      case Processed.Application a -> application(c, d, a);
      case Processed.CommitApplied ca -> {
        for (SystemKey user : users(ca.added())) systemLine(c.id(), d.seq(), d.acceptedAtMs(), "joined", Optional.of(user));
        for (SystemKey user : users(ca.removed())) systemLine(c.id(), d.seq(), d.acceptedAtMs(), "left", Optional.of(user));
      }
      case Processed.Removed r -> {
        store.put(c.withStatus(Conversation.Status.REMOVED));
        systemLine(c.id(), d.seq(), d.acceptedAtMs(), "you were removed", Optional.empty());
        emit.accept(new ChatEvent.Updated(store.get(c.id()).orElse(c)));
      }
      case Processed.ProposalReceived pr when pr.leaveRequest() ->
          systemLine(c.id(), d.seq(), d.acceptedAtMs(), "asked to leave", Optional.of(user(pr.sender())));
      case Processed.Rejected r -> {
        boolean turnsBroken = r.groupInactive() && c.status() == Conversation.Status.ACTIVE;
        if (r.groupInactive()) store.put(c.withStatus(Conversation.Status.BROKEN));
        systemLine(c.id(), d.seq(), d.acceptedAtMs(), "could not process entry " + d.seq() + " (" + r.error() + ")"
            + (turnsBroken ? ": wya chat rejoin " + c.shortId() : ""), Optional.empty());
        if (turnsBroken) emit.accept(new ChatEvent.Updated(store.get(c.id()).orElse(c)));
      }
      case Processed.OwnApplication o -> ownEcho.accept(d);
      default -> { /* duplicates, other proposals */ }
    }
  }

  private void application(Conversation c, ServerFrame.Deliver d, Processed.Application a) {
    SystemKey sender = user(a.sender());
    ChatPayload payload;
    try {
      payload = ChatPayload.parseFrom(a.plaintext());
    } catch (InvalidProtocolBufferException e) {
      systemLine(c.id(), d.seq(), d.acceptedAtMs(), "sent something this client cannot read", Optional.of(sender));
      return;
    }
    switch (payload.getBodyCase()) {
      case TEXT -> {
        ChatLine line = new ChatLine(c.id(), d.seq(), Optional.of(sender), d.acceptedAtMs(), payload.getText().getBody(), false);
        store.append(line);
        emit.accept(new ChatEvent.Line(c, line));
      }
      case META -> {
        ConversationMeta meta = payload.getMeta();
        Conversation updated = c.withMeta(meta.getName(), meta.getDirect(), meta.getDirect() ? Optional.of(sender) : c.peer());
        store.put(updated);
        emit.accept(new ChatEvent.Updated(updated));
      }
      default -> { /* a kind from a newer client */ }
    }
  }

  private List<SystemKey> otherUsers(ConvId id) {
    List<SystemKey> out = new ArrayList<>();
    for (SystemKey u : users(ChatClient.mls(() -> mls.group(id.bytes())).members())) {
      if (!u.equals(self) && !out.contains(u)) out.add(u);
    }
    return out;
  }

  private void systemLine(ConvId id, long seq, long timeMs, String text, Optional<SystemKey> subject) {
    if (store.get(id).isEmpty()) return;
    ChatLine line = new ChatLine(id, seq, subject, timeMs, text, true);
    store.append(line);
    emit.accept(new ChatEvent.Line(store.get(id).get(), line));
  }

  static List<SystemKey> users(List<Member> members) {
    List<SystemKey> out = new ArrayList<>();
    for (Member m : members) {
      SystemKey u = user(m);
      if (!out.contains(u)) out.add(u);
    }
    return out;
  }

  static SystemKey user(Member m) { return SystemKey.of(m.device().userId()); }
}
