package io.wya.gateway.session;

import io.vertx.core.Future;
import io.wya.gateway.mailbox.Entry;
import io.wya.gateway.mailbox.Membership;
import io.wya.gateway.outcome.Rejection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.CloseCode;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The delivery side of an authenticated [Session] (GATEWAY_SPEC §8): backlog after the ack
/// cursor, `CaughtUp`, live entries, acks, back-pressure.
///
/// Live entries are written straight from the [DeliveryHub] when they are the next seq of the
/// stream; anything else (a gap, a read in progress, a paused session) is left to a store read
/// from the last written seq, so order and completeness never depend on the wake-ups (DLV-1,
/// DLV-4, MULTI-1) and memory never holds more than one read batch plus the transport's bounded
/// queue (BP-1).
final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

  private final Session session;
  private final Map<ConvId, ConvStream> streams = new HashMap<>();
  private final Map<ConvId, Long> pendingAcks = new HashMap<>();
  private final int batch;
  private final long writeQueueBytes;
  private boolean paused;
  private int initialPending = -1;
  private long lastAckFlushMs;

  Delivery(Session session) {
    this.session = session;
    this.batch = session.config.delivery().replayBatch();
    this.writeQueueBytes = session.config.delivery().writeQueueBytes();
  }

  /// After `Ready`: low-pool warnings (KP-10), then every membership's backlog, then `CaughtUp`.
  void start() {
    lastAckFlushMs = session.now();
    session.here(session.services.keyPackages().lowWarnings(session.device())).onComplete(low -> {
      if (!session.authenticated()) return;
      if (low.succeeded()) low.result().forEach(w -> session.write(Outbound.of(0, w)));
      session.here(session.services.mailbox().memberships(session.device())).onComplete(ar -> {
        if (!session.authenticated()) return;
        if (ar.failed()) {
          LOG.warn("could not load the memberships of {}", session.device(), ar.cause());
          session.closeWith(CloseCode.INTERNAL_ERROR, "could not load conversations; reconnect", 0);
          return;
        }
        List<ConvStream> initial = new ArrayList<>();
        for (Membership m : ar.result()) {
          if (streams.containsKey(m.conv())) continue;
          ConvStream st = ConvStream.of(m);
          streams.put(m.conv(), st);
          if (!st.finished()) {
            subscribe(st);
            st.initial = true;
            initial.add(st);
          }
        }
        initialPending = initial.size();
        if (initialPending == 0) caughtUp();
        for (ConvStream st : initial) catchUp(st);
      });
    });
  }

  private void caughtUp() {
    session.write(Outbound.of(0, new ServerFrame.CaughtUp((int) streams.values().stream().filter(s -> s.subscribed).count())));
  }

  // ------------------------------------------------------------------ live entries

  void offer(DeliveryHub.Prepared p) {
    Entry e = p.entry();
    ConvStream st = streams.get(e.conv());
    if (st == null) return;
    if (p.event.removed().contains(session.device())) st.windowEnd = Math.min(st.windowEnd, e.seq());
    if (e.seq() > st.knownHead) st.knownHead = e.seq();
    if (e.seq() <= st.delivered || e.seq() > st.windowEnd) return;
    if (st.reading || paused) return;
    if (e.seq() == st.delivered + 1) {
      write(st, e, p);
      if (st.finished()) unsubscribe(st);
    } else {
      catchUp(st);
    }
  }

  /// This device was added by the Commit at `p`'s seq (MBR-3): its window starts there.
  void joined(DeliveryHub.Prepared p) {
    Entry e = p.entry();
    ConvStream st = streams.get(e.conv());
    if (st == null) {
      st = new ConvStream(e.conv(), e.seq(), Membership.ACTIVE, e.seq() - 1, e.seq());
      streams.put(e.conv(), st);
    } else {
      st.windowStart = e.seq();
      st.windowEnd = Membership.ACTIVE;
      st.delivered = Math.max(st.delivered, e.seq() - 1);
    }
    subscribe(st);
  }

  /// This device created `conv` (CONV-1, RESET-1): it is the only member, from seq 1.
  void created(ConvId conv) {
    if (streams.containsKey(conv)) return;
    ConvStream st = new ConvStream(conv, 0, Membership.ACTIVE, 0, 0);
    streams.put(conv, st);
    subscribe(st);
  }

  void noteHead(ConvId conv, long seq) {
    ConvStream st = streams.get(conv);
    if (st != null && seq > st.knownHead) st.knownHead = seq;
  }

  /// Reload memberships and catch up everything (a wake-up may have been lost).
  void resync() {
    session.here(session.services.mailbox().memberships(session.device())).onSuccess(list -> {
      if (!session.authenticated()) return;
      for (Membership m : list) {
        ConvStream st = streams.get(m.conv());
        if (st == null) {
          st = ConvStream.of(m);
          streams.put(m.conv(), st);
        } else {
          st.windowEnd = m.removedSeq();
          st.knownHead = Math.max(st.knownHead, m.headSeq());
        }
        if (!st.finished()) {
          subscribe(st);
          catchUp(st);
        }
      }
    });
  }

  // ------------------------------------------------------------------ store reads

  private void catchUp(ConvStream st) {
    if (st.reading || paused || !session.authenticated()) return;
    st.reading = true;
    session.here(session.services.mailbox().read(st.conv, session.device(), st.delivered, batch, (int) writeQueueBytes)).onComplete(ar -> {
      st.reading = false;
      if (!session.authenticated()) return;
      if (ar.failed()) {
        LOG.warn("could not read {} for {}", st.conv, session.device(), ar.cause());
        session.closeWith(CloseCode.INTERNAL_ERROR, "could not read the conversation; reconnect and resume", 0);
        return;
      }
      List<Entry> rows = ar.result();
      for (Entry e : rows) {
        if (paused) break;
        if (e.seq() <= st.delivered) continue;
        if (e.seq() > st.delivered + 1) gap(st, e.seq() - 1);
        write(st, e, null);
      }
      if (paused) return;
      if (!rows.isEmpty() && (rows.size() == batch || st.behind())) {
        catchUp(st);
      } else if (rows.isEmpty() && st.behind()) {
        refreshWindow(st);
      } else {
        settled(st);
      }
    });
  }

  /// A read found nothing while newer seqs are known: either the window ended where this
  /// session did not know it yet, or the entries were pruned (RET-2).
  private void refreshWindow(ConvStream st) {
    st.reading = true;
    session.here(session.services.mailbox().membership(st.conv, session.device())).onComplete(ar -> {
      st.reading = false;
      if (!session.authenticated()) return;
      if (ar.succeeded()) {
        Membership m = ar.result();
        if (m == null) st.windowEnd = Math.min(st.windowEnd, st.delivered);
        else st.windowEnd = m.removedSeq();
        if (st.behind()) gap(st, st.readableHead());
      }
      settled(st);
    });
  }

  private void settled(ConvStream st) {
    if (st.behind()) {
      catchUp(st);
      return;
    }
    if (st.initial) {
      st.initial = false;
      if (--initialPending == 0) caughtUp();
    }
    if (st.finished()) unsubscribe(st);
  }

  private void gap(ConvStream st, long toSeq) {
    session.write(Outbound.of(0, new ServerFrame.HistoryGap(st.conv, st.delivered + 1, toSeq)));
    st.delivered = toSeq;
  }

  private void write(ConvStream st, Entry e, DeliveryHub.Prepared live) {
    boolean welcome = e.welcomeFor(st.windowStart);
    Outbound out = live != null ? (welcome ? live.welcome() : live.common()) : Outbound.of(0, DeliveryHub.deliver(e, welcome));
    session.write(out);
    st.delivered = e.seq();
    if (session.sink.queuedBytes() > writeQueueBytes && !paused) {
      paused = true;
      session.services.metrics().queuePaused();
    }
  }

  /// The transport drained: catch up what was skipped while paused, from the store (BP-1).
  void resumeWriting() {
    if (!paused) return;
    paused = false;
    for (ConvStream st : List.copyOf(streams.values())) {
      if (st.behind() || (st.initial && !st.reading)) catchUp(st);
    }
  }

  // ------------------------------------------------------------------ acks (ACK-1, ACK-2)

  Future<ServerFrame> ack(ClientFrame.Ack ack) {
    for (ClientFrame.Cursor c : ack.cursors()) {
      ConvStream st = streams.get(c.convId());
      if (st == null) return Future.failedFuture(Rejection.of(ErrorCode.NOT_A_MEMBER, "not a member of " + c.convId().hex() + " (ACK-2)"));
      long limit = Math.min(Math.max(st.knownHead, st.delivered), st.windowEnd);
      if (c.seq() > limit) {
        return Future.failedFuture(Rejection.of(ErrorCode.ACK_BEYOND_HEAD, "seq " + c.seq() + " is beyond " + limit + " in "
            + c.convId().hex() + " (ACK-2)"));
      }
    }
    for (ClientFrame.Cursor c : ack.cursors()) pendingAcks.merge(c.convId(), c.seq(), Math::max);
    return Future.succeededFuture(new ServerFrame.Ok());
  }

  Future<Void> flushAcks() {
    lastAckFlushMs = session.now();
    if (pendingAcks.isEmpty() || session.device() == null) return Future.succeededFuture();
    Map<ConvId, Long> batchAcks = new HashMap<>(pendingAcks);
    pendingAcks.clear();
    return session.here(session.services.mailbox().ack(session.device(), batchAcks)).recover(t -> {
      LOG.warn("could not store acks of {}", session.device(), t);
      batchAcks.forEach((conv, seq) -> pendingAcks.merge(conv, seq, Math::max));
      return Future.failedFuture(t);
    });
  }

  void tick(long now) {
    if (!pendingAcks.isEmpty() && now - lastAckFlushMs >= session.config.delivery().ackFlushInterval().toMillis()) flushAcks();
  }

  Future<ServerFrame> list() {
    return session.here(session.services.mailbox().memberships(session.device())).map(list -> {
      List<ServerFrame.ConversationSummary> out = new ArrayList<>();
      for (Membership m : list) {
        long acked = Math.max(m.ackedSeq(), pendingAcks.getOrDefault(m.conv(), 0L));
        out.add(new ServerFrame.ConversationSummary(m.conv(), m.epoch(), m.headSeq(), acked, m.convHome(), m.successor(), m.active()));
      }
      return new ServerFrame.Conversations(out);
    });
  }

  /// The session ended: acks are flushed, subscriptions dropped.
  void stop() {
    flushAcks();
    for (ConvStream st : streams.values()) unsubscribe(st);
  }

  private void subscribe(ConvStream st) {
    if (!st.subscribed) {
      st.subscribed = true;
      session.hub.subscribe(st.conv, session);
    }
  }

  private void unsubscribe(ConvStream st) {
    if (st.subscribed) {
      st.subscribed = false;
      session.hub.unsubscribe(st.conv, session);
    }
  }
}
