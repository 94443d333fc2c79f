package io.wya.client.social;

import io.wya.polycentric.EventPointer;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.VerifiedEvent;
import java.util.List;
import java.util.OptionalLong;

/// The part of a Polycentric node's v1 HTTP API the client uses (protocol doc §4). Every event a
/// method returns was verified (signature, structure) before it got here.
public interface SocialNode {
  /// `POST /events`: stores a batch; the node skips what it already has.
  void postEvents(List<VerifiedEvent> events);

  /// `GET /ranges`: the clocks the node holds for `system`, per process.
  Ranges ranges(SystemKey system);

  /// `GET /events`: the stored events of `system` within `ranges` (unordered).
  List<VerifiedEvent> events(SystemKey system, Ranges ranges);

  /// `GET /query_latest`: per process, the latest event of each of `contentTypes`.
  List<VerifiedEvent> queryLatest(SystemKey system, List<Long> contentTypes);

  /// `GET /query_index`: events of one type, newest first, older than `after` when given.
  List<VerifiedEvent> queryIndex(SystemKey system, long contentType, OptionalLong after, int limit);

  /// `GET /query_references`: likes, dislikes and replies of one event.
  ReferenceCounts counts(EventPointer subject);

  /// Likes, dislikes (current opinions, LWW per voter) and replies of an event.
  record ReferenceCounts(long likes, long dislikes, long replies) {}
}
