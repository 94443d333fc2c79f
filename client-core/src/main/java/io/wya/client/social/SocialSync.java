package io.wya.client.social;

import io.wya.client.Progress;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.VerifiedEvent;
import java.util.Comparator;
import java.util.List;

/// Range-based sync between the device's [EventLog]s and the node, as the official client does it
/// (protocol doc §3.4, §6.4): ask `/ranges`, subtract, then push or pull the difference in batches
/// of at most [#BATCH] events.
public final class SocialSync {
  /// Events per `POST /events` and per `GET /events` (the official client's `takeRangesMaxItems(…, 20)`).
  public static final int BATCH = 20;
  /// Most clocks one pull of one system asks for; the newest are taken first. A node that claims
  /// absurd ranges cannot keep the client busy for ever.
  public static final long DEFAULT_MAX_PULL = 50_000;

  private final SocialNode node;
  private final long maxPull;

  public SocialSync(SocialNode node, long maxPull) {
    this.node = node;
    this.maxPull = maxPull;
  }

  public SocialSync(SocialNode node) { this(node, DEFAULT_MAX_PULL); }

  /// Sends the node every event of `log` it does not hold, oldest first; returns how many.
  public int push(EventLog log) {
    Ranges missing = log.present().minus(node.ranges(log.system()));
    if (missing.isEmpty()) return 0;
    List<VerifiedEvent> events = log.within(missing).stream()
        .sorted(Comparator.comparingLong(VerifiedEvent::logicalClock)).toList();
    for (int i = 0; i < events.size(); i += BATCH) node.postEvents(events.subList(i, Math.min(events.size(), i + BATCH)));
    return events.size();
  }

  /// Fetches the events of `log`'s system that the node holds and the device does not; returns
  /// how many arrived. Clocks the node lists but does not return (deleted events) are remembered
  /// as absent.
  public int pull(EventLog log, Progress progress) {
    SystemKey system = log.system();
    Ranges need = node.ranges(system).minus(log.held()).highest(maxPull);
    if (need.isEmpty()) return 0;
    int received = 0;
    progress.begin("sync " + shortName(system), need.count());
    try {
      for (Ranges chunk : need.chunks(BATCH)) {
        Ranges got = Ranges.empty();
        for (VerifiedEvent e : node.events(system, chunk)) {
          if (!chunk.contains(e.process(), e.logicalClock()) || !e.system().equals(system)) continue;
          if (log.add(e)) received++;
          got.add(e.process(), e.logicalClock());
        }
        log.markAbsent(chunk.minus(got));
        progress.advance(chunk.count());
      }
    } finally {
      progress.end();
    }
    return received;
  }

  private static String shortName(SystemKey system) {
    return io.wya.polycentric.Base64Url.encode(system.key().toByteArray()).substring(0, 8);
  }
}
