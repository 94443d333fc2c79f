package io.wya.gateway.session;

import io.wya.gateway.mailbox.Entry;
import io.wya.gateway.mailbox.EntryEvent;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Live delivery on one event loop: which of its sessions read which conversation, and which
/// device is where. Every accepted entry (local or from another instance) is encoded once here
/// and offered to the sessions; each session decides from its own cursor whether to write it,
/// skip it, or catch up from the store (DLV-1, MULTI-1). Confined to its loop.
public final class DeliveryHub {
  private final Map<ConvId, Set<Session>> readers = new HashMap<>();
  private final Map<DeviceKey, Session> devices = new HashMap<>();
  private final Set<Session> sessions = new HashSet<>();
  private final List<Session> held = new ArrayList<>();
  private boolean holding;

  /// An accepted entry with its encoded Deliver frames.
  public static final class Prepared {
    final EntryEvent event;
    private Outbound common;
    private Outbound welcome;

    Prepared(EntryEvent event) {
      this.event = event;
    }

    Entry entry() { return event.entry(); }

    /// The Deliver every reader gets, encoded once.
    Outbound common() {
      if (common == null) common = Outbound.of(0, deliver(event.entry(), false));
      return common;
    }

    /// The WELCOME a device added at this seq gets instead (MBR-3).
    Outbound welcome() {
      if (welcome == null) welcome = Outbound.of(0, deliver(event.entry(), true));
      return welcome;
    }
  }

  /// The Deliver of `e`, as a device added at its seq sees it (`asWelcome`) or anyone else.
  static ServerFrame.Deliver deliver(Entry e, boolean asWelcome) {
    if (asWelcome) {
      return new ServerFrame.Deliver(e.conv(), e.seq(), e.msgId(), EntryKind.WELCOME, e.epoch() + 1, e.welcome(), e.groupInfo(),
          null, e.convHome(), e.originGateway(), e.acceptedAtMs());
    }
    return new ServerFrame.Deliver(e.conv(), e.seq(), e.msgId(), e.kind(), e.epoch(), e.mlsMessage(), new byte[0], e.successor(),
        e.convHome(), e.originGateway(), e.acceptedAtMs());
  }

  /// Delivers one accepted entry to this loop's sessions.
  public void deliver(EntryEvent event) {
    deliver(List.of(event));
  }

  /// Delivers accepted entries (one statement's, in seq order) to this loop's sessions. What is
  /// written to a connection meanwhile is flushed once at the end, so a connection that gets
  /// several of them gets them in one write (ADR 0209).
  public void deliver(List<EntryEvent> events) {
    holding = true;
    try {
      for (EntryEvent event : events) deliverOne(event);
    } finally {
      holding = false;
      for (Session s : held) s.flushHeld();
      held.clear();
    }
  }

  private void deliverOne(EntryEvent event) {
    Prepared p = new Prepared(event);
    for (DeviceKey added : event.added()) {
      Session s = devices.get(added);
      if (s != null) s.joined(p);
    }
    Set<Session> set = readers.get(event.entry().conv());
    if (set == null) return;
    for (Session s : new ArrayList<>(set)) s.offer(p);
    if (p.common != null || p.welcome != null) latency.accept(event.entry().acceptedAtMs());
  }

  /// True while a fan-out pass runs: sessions write without flushing and are flushed at its end.
  boolean holding() { return holding; }

  /// `s` wrote without flushing during this pass.
  void held(Session s) { held.add(s); }

  private java.util.function.LongConsumer latency = acceptedAt -> { };

  /// Where the hub reports, once per entry it wrote to at least one session, the time the entry
  /// was accepted: the send→deliver latency to the last live session of this loop (OPS-2).
  public void latency(java.util.function.LongConsumer latency) {
    this.latency = latency;
  }

  /// Every session reloads its memberships and catches up from the store (after a lost
  /// wake-up channel; MULTI-1).
  public void resync() {
    for (Session s : List.copyOf(sessions)) s.resync();
  }

  void attach(Session s) {
    sessions.add(s);
    devices.put(s.device(), s);
  }

  void detach(Session s) {
    sessions.remove(s);
    devices.remove(s.device(), s);
  }

  void subscribe(ConvId conv, Session s) {
    readers.computeIfAbsent(conv, c -> new HashSet<>()).add(s);
  }

  void unsubscribe(ConvId conv, Session s) {
    Set<Session> set = readers.get(conv);
    if (set != null && set.remove(s) && set.isEmpty()) readers.remove(conv);
  }

  /// Sessions attached to this loop (authenticated).
  public List<Session> sessions() { return List.copyOf(sessions); }
}
