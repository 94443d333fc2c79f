package io.wya.client.social;

import io.wya.polycentric.EventKey;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.VerifiedEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// Every event of one system that this device holds, keyed by (process, clock): the local
/// replica the views ([SystemView]) are computed from. First writer wins per key, as on the node.
/// `absent` remembers clocks the node reported as held but never returned — deleted events, whose
/// clocks stay in `/ranges` (protocol doc §3.3) — so sync does not ask for them again.
public final class EventLog {
  private final SystemKey system;
  private final Map<EventKey, VerifiedEvent> events = new HashMap<>();
  private final Ranges absent = Ranges.empty();
  private boolean changed;

  public EventLog(SystemKey system) { this.system = system; }

  public SystemKey system() { return system; }

  /// Adds an event of this system; false when it is another system's or its key is already held.
  public boolean add(VerifiedEvent event) {
    if (!event.system().equals(system)) return false;
    if (events.putIfAbsent(event.key(), event) != null) return false;
    changed = true;
    return true;
  }

  public void markAbsent(Ranges clocks) {
    if (clocks.isEmpty()) return;
    absent.addAll(clocks);
    changed = true;
  }

  /// The clocks this device holds or knows to be gone.
  public Ranges held() {
    Ranges held = Ranges.empty().addAll(absent);
    for (EventKey key : events.keySet()) held.add(key.process(), key.logicalClock());
    return held;
  }

  /// The clocks of the events held (without the absent ones).
  public Ranges present() {
    Ranges present = Ranges.empty();
    for (EventKey key : events.keySet()) present.add(key.process(), key.logicalClock());
    return present;
  }

  public Ranges absent() { return Ranges.empty().addAll(absent); }

  /// Events in `clocks`, in process then clock order.
  public List<VerifiedEvent> within(Ranges clocks) {
    return sorted(events.values().stream().filter(e -> clocks.contains(e.process(), e.logicalClock())).toList());
  }

  /// All events, in process then clock order.
  public List<VerifiedEvent> all() { return sorted(events.values()); }

  public int size() { return events.size(); }

  public boolean changed() { return changed; }

  void saved() { changed = false; }

  private static List<VerifiedEvent> sorted(Collection<VerifiedEvent> events) {
    List<VerifiedEvent> out = new ArrayList<>(events);
    out.sort(Comparator.comparing((VerifiedEvent e) -> processKey(e.process())).thenComparingLong(VerifiedEvent::logicalClock));
    return out;
  }

  static String processKey(ProcessId process) { return java.util.HexFormat.of().formatHex(process.id().toByteArray()); }
}
