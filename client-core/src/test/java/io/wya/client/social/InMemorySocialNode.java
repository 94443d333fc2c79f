package io.wya.client.social;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.DeleteContent;
import io.wya.polycentric.EventKey;
import io.wya.polycentric.EventPointer;
import io.wya.polycentric.Opinion;
import io.wya.polycentric.Reference;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.VerifiedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/// A node in memory with the official server's ingest and read semantics that the client relies
/// on (first writer wins, deletes drop the target but keep its clock in `/ranges`, LWW opinion
/// counts), for unit tests of the sync logic. Can be switched off to play an outage.
final class InMemorySocialNode implements SocialNode {
  final Map<EventKey, VerifiedEvent> events = new LinkedHashMap<>();
  final Map<EventKey, VerifiedEvent> deleted = new HashMap<>();
  final List<Integer> postSizes = new ArrayList<>();
  final List<Long> eventRequestSizes = new ArrayList<>();
  boolean reachable = true;

  @Override public void postEvents(List<VerifiedEvent> batch) {
    up();
    postSizes.add(batch.size());
    for (VerifiedEvent e : batch) {
      if (events.containsKey(e.key()) || deleted.containsKey(e.key())) continue;
      if (e.contentType() == ContentType.DELETE) {
        DeleteContent d = DeleteContent.parse(e.content());
        EventKey target = new EventKey(e.system(), d.process(), d.logicalClock());
        events.remove(target);
        deleted.put(target, e);
      }
      events.put(e.key(), e);
    }
  }

  @Override public Ranges ranges(SystemKey system) {
    up();
    Ranges r = Ranges.empty();
    for (EventKey k : events.keySet()) if (k.system().equals(system)) r.add(k.process(), k.logicalClock());
    for (EventKey k : deleted.keySet()) if (k.system().equals(system)) r.add(k.process(), k.logicalClock());
    return r;
  }

  @Override public List<VerifiedEvent> events(SystemKey system, Ranges ranges) {
    up();
    eventRequestSizes.add(ranges.count());
    return events.values().stream().filter(e -> e.system().equals(system) && ranges.contains(e.process(), e.logicalClock())).toList();
  }

  @Override public List<VerifiedEvent> queryLatest(SystemKey system, List<Long> contentTypes) {
    up();
    Map<String, VerifiedEvent> latest = new HashMap<>();
    for (VerifiedEvent e : events.values()) {
      if (!e.system().equals(system) || !contentTypes.contains(e.contentType())) continue;
      latest.merge(e.process() + "/" + e.contentType(), e, (a, b) -> a.logicalClock() >= b.logicalClock() ? a : b);
    }
    return List.copyOf(latest.values());
  }

  @Override public List<VerifiedEvent> queryIndex(SystemKey system, long contentType, OptionalLong after, int limit) {
    up();
    return events.values().stream().filter(e -> e.system().equals(system) && e.contentType() == contentType)
        .filter(e -> after.isEmpty() || e.unixMilliseconds().orElse(0) < after.getAsLong())
        .sorted(Comparator.comparingLong((VerifiedEvent e) -> e.unixMilliseconds().orElse(0)).reversed()).limit(limit).toList();
  }

  @Override public ReferenceCounts counts(EventPointer subject) {
    up();
    Map<SystemKey, VerifiedEvent> latestOpinion = new HashMap<>();
    long replies = 0;
    for (VerifiedEvent e : events.values()) {
      Optional<Reference> ref = e.references().stream().findFirst();
      if (ref.isEmpty() || !(ref.get() instanceof Reference.ToEvent to) || !to.pointer().key().equals(subject.key())) continue;
      if (e.contentType() == ContentType.POST) replies++;
      if (e.contentType() == ContentType.OPINION) {
        latestOpinion.merge(e.system(), e, (a, b) -> a.lwwElement().get().unixMilliseconds() >= b.lwwElement().get().unixMilliseconds() ? a : b);
      }
    }
    long likes = latestOpinion.values().stream().filter(e -> e.lwwElement().get().value().equals(Opinion.LIKE.value())).count();
    long dislikes = latestOpinion.values().stream().filter(e -> e.lwwElement().get().value().equals(Opinion.DISLIKE.value())).count();
    return new ReferenceCounts(likes, dislikes, replies);
  }

  private void up() {
    if (!reachable) throw new ClientException(ClientError.UNREACHABLE, "the in-memory node is switched off");
  }
}
