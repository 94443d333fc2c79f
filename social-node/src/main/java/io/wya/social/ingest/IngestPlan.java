package io.wya.social.ingest;

import io.wya.polycentric.EventKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// The events of one batch that may be written, in order: the first of several with the same key
/// wins, and an event that a DELETE in the same batch removes is never written (the delete is).
public record IngestPlan(List<AcceptedEvent> events) {
  public IngestPlan {
    events = List.copyOf(events);
  }

  public static IngestPlan of(List<AcceptedEvent> batch) {
    Set<EventKey> deletedInBatch = new HashSet<>();
    for (AcceptedEvent e : batch) {
      e.delete().ifPresent(d -> deletedInBatch.add(new EventKey(e.event().system(), d.process(), d.logicalClock())));
    }
    Map<EventKey, AcceptedEvent> firstByKey = new LinkedHashMap<>();
    for (AcceptedEvent e : batch) {
      if (deletedInBatch.contains(e.event().key())) continue;
      firstByKey.putIfAbsent(e.event().key(), e);
    }
    return new IngestPlan(new ArrayList<>(firstByKey.values()));
  }
}
