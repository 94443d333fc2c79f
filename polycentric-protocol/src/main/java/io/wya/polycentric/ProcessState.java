package io.wya.polycentric;

import java.util.ArrayList;
import java.util.List;

/// What a process remembers between publishes: its last logical clock, the latest clock of each
/// content type it has published (in first-published order, as the official client keeps them)
/// and the heads it knows of the system's other processes (its vector clock). A client persists
/// this record next to its key.
public record ProcessState(long logicalClock, List<Index> latestByType, List<Long> vectorClock) {
  public static final ProcessState INITIAL = new ProcessState(0, List.of(), List.of());

  public ProcessState {
    latestByType = List.copyOf(latestByType);
    vectorClock = List.copyOf(vectorClock);
  }

  /// The state after publishing an event of `contentType` at `logicalClock() + 1`.
  public ProcessState published(long contentType) {
    long clock = logicalClock + 1;
    List<Index> next = new ArrayList<>(latestByType);
    boolean seen = false;
    for (int i = 0; i < next.size(); i++) {
      if (next.get(i).indexType() == contentType) {
        next.set(i, new Index(contentType, clock));
        seen = true;
      }
    }
    if (!seen) next.add(new Index(contentType, clock));
    return new ProcessState(clock, next, vectorClock);
  }

  /// The state with the vector clock set to the heads of the other processes, in the order of the
  /// system's latest `SystemProcesses` event.
  public ProcessState withVectorClock(List<Long> heads) { return new ProcessState(logicalClock, latestByType, heads); }
}
