package io.wya.gateway.fanout;

import io.vertx.core.Future;
import io.wya.gateway.mailbox.EntryEvent;
import io.wya.gateway.mailbox.EntryPublisher;
import io.wya.gateway.observe.Metrics;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.session.DeliveryHub;
import io.wya.gateway.session.Loop;
import io.wya.gateway.session.Outbound;
import io.wya.gateway.session.SessionBus;
import io.wya.gateway.session.SessionRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/// Fan-out of accepted entries and session events: to this instance's event loops directly, and
/// to the other instances over the [Bus] (MULTI-1). Thread-safe.
public final class Fanout implements EntryPublisher, SessionBus {
  private record LoopHub(Loop loop, DeliveryHub hub) {}

  private final String instanceId;
  private final SessionRegistry registry;
  private final Metrics metrics;
  private final List<LoopHub> hubs = new CopyOnWriteArrayList<>();
  private volatile Bus bus = Bus.NONE;
  private volatile Consumer<BusMessage.StreamFrame> streams = f -> { };

  public Fanout(String instanceId, SessionRegistry registry, Metrics metrics) {
    this.instanceId = instanceId;
    this.registry = registry;
    this.metrics = metrics;
  }

  public String instanceId() { return instanceId; }

  public void bus(Bus bus) { this.bus = bus; }

  /// Where SSE frames routed to this instance go (MULTI-2).
  public void streams(Consumer<BusMessage.StreamFrame> streams) { this.streams = streams; }

  public void addHub(Loop loop, DeliveryHub hub) { hubs.add(new LoopHub(loop, hub)); }

  public void removeHub(DeliveryHub hub) { hubs.removeIf(h -> h.hub() == hub); }

  @Override
  public void publish(EntryEvent event) {
    publishAll(List.of(event));
  }

  @Override
  public void publishAll(List<EntryEvent> events) {
    for (int i = 0; i < events.size(); i++) metrics.accepted();
    deliverHere(events);
    for (EntryEvent e : events) bus.broadcast(BusCodec.encode(new BusMessage.EntryAccepted(instanceId, e)));
  }

  /// One task per event loop for all of `events` (one statement's entries, in seq order).
  private void deliverHere(List<EntryEvent> events) {
    long published = System.nanoTime();
    for (LoopHub h : hubs) {
      h.loop().run(() -> {
        long start = System.nanoTime();
        h.hub().deliver(events);
        metrics.fanout(start - published, System.nanoTime() - start);
      });
    }
  }

  @Override
  public void claimed(DeviceKey device, long authTimeMs, String sessionId) {
    bus.broadcast(BusCodec.encode(new BusMessage.SessionClaimed(instanceId, device, authTimeMs, sessionId)));
  }

  @Override
  public void push(DeviceKey device, byte[] frame) {
    bus.broadcast(BusCodec.encode(new BusMessage.DevicePush(instanceId, device, frame)));
  }

  /// Routes an SSE frame to the instance holding the stream.
  public Future<Boolean> sendStreamFrame(String owner, String streamId, byte[] frame) {
    return bus.sendTo(owner, BusCodec.encode(new BusMessage.StreamFrame(instanceId, streamId, frame)));
  }

  /// A message from the bus.
  public void received(byte[] data) {
    BusMessage m = BusCodec.decode(data);
    if (m == null || m.origin().equals(instanceId)) return;
    switch (m) {
      case BusMessage.EntryAccepted e -> deliverHere(List.of(e.event()));
      case BusMessage.SessionClaimed c -> registry.claimedElsewhere(c.device(), c.authTimeMs(), c.sessionId());
      case BusMessage.DevicePush p -> registry.pushedElsewhere(p.device(), Outbound.raw(p.frame()));
      case BusMessage.StreamFrame f -> streams.accept(f);
    }
  }

  /// The bus may have lost messages (its connection dropped): every session re-reads from the store.
  public void resync() {
    for (LoopHub h : hubs) h.loop().run(() -> h.hub().resync());
  }
}
