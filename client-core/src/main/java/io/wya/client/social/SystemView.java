package io.wya.client.social;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.DeleteContent;
import io.wya.polycentric.EventKey;
import io.wya.polycentric.EventPointer;
import io.wya.polycentric.Lww;
import io.wya.polycentric.Reference;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.WireException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/// What one system's events say, resolved the way the official client resolves them (protocol doc
/// §3.5): a profile field is the element with the latest time across processes; a follow or block
/// set keeps, per member, the operation with the latest time; deleted posts are gone. Ties are
/// broken by (process, clock) so that every device computes the same answer.
public final class SystemView {
  private static final Comparator<VerifiedEvent> BY_KEY =
      Comparator.comparing((VerifiedEvent e) -> EventLog.processKey(e.process())).thenComparingLong(VerifiedEvent::logicalClock);

  private final EventLog log;

  public SystemView(EventLog log) { this.log = log; }

  public SystemKey system() { return log.system(); }

  public Optional<String> username() { return element(ContentType.USERNAME); }

  public Optional<String> description() { return element(ContentType.DESCRIPTION); }

  public Set<SystemKey> following() { return set(ContentType.FOLLOW); }

  public Set<SystemKey> blocked() { return set(ContentType.BLOCK); }

  /// Posts that were not deleted, newest first.
  public List<Post> posts() {
    Set<EventKey> deleted = deletedKeys();
    List<Post> posts = new ArrayList<>();
    for (VerifiedEvent e : log.all()) {
      if (e.contentType() != ContentType.POST || deleted.contains(e.key())) continue;
      postOf(e).ifPresent(posts::add);
    }
    posts.sort(Comparator.comparingLong(Post::unixMilliseconds).reversed().thenComparing(p -> p.event(), BY_KEY.reversed()));
    return posts;
  }

  /// This system's current opinion on `subject` (LWW by the opinion's time), if any.
  public Optional<VerifiedEvent> opinionOn(EventPointer subject) {
    return log.all().stream()
        .filter(e -> e.contentType() == ContentType.OPINION && e.lwwElement().isPresent())
        .filter(e -> e.references().size() == 1 && e.references().getFirst() instanceof Reference.ToEvent to
            && to.pointer().key().equals(subject.key()))
        .max(Comparator.comparingLong((VerifiedEvent e) -> e.lwwElement().get().unixMilliseconds()).thenComparing(BY_KEY));
  }

  /// The post of an event, or empty when its content is not a Post with text.
  public static Optional<Post> postOf(VerifiedEvent e) {
    if (e.contentType() != ContentType.POST) return Optional.empty();
    try {
      io.wya.polycentric.proto.Post content = io.wya.polycentric.proto.Post.parseFrom(e.content());
      if (!content.hasContent()) return Optional.empty();
      Optional<EventPointer> replyTo = e.references().stream()
          .filter(r -> r instanceof Reference.ToEvent).map(r -> ((Reference.ToEvent) r).pointer()).findFirst();
      return Optional.of(new Post(e, content.getContent(), replyTo));
    } catch (InvalidProtocolBufferException ex) {
      return Optional.empty();
    }
  }

  private Set<EventKey> deletedKeys() {
    Set<EventKey> deleted = new HashSet<>();
    for (VerifiedEvent e : log.all()) {
      if (e.contentType() != ContentType.DELETE) continue;
      try {
        DeleteContent d = DeleteContent.parse(e.content());
        deleted.add(new EventKey(e.system(), d.process(), d.logicalClock()));
      } catch (WireException ignored) {
        // a malformed delete deletes nothing
      }
    }
    return deleted;
  }

  private Optional<String> element(long contentType) {
    return log.all().stream()
        .filter(e -> e.contentType() == contentType && e.lwwElement().isPresent())
        .max(Comparator.comparingLong((VerifiedEvent e) -> e.lwwElement().get().unixMilliseconds()).thenComparing(BY_KEY))
        .map(e -> e.lwwElement().get().value().toStringUtf8());
  }

  private Set<SystemKey> set(long contentType) {
    Map<SystemKey, VerifiedEvent> latest = new HashMap<>();
    for (VerifiedEvent e : log.all()) {
      if (e.contentType() != contentType || e.lwwElementSet().isEmpty()) continue;
      SystemKey member;
      try {
        member = SystemKey.parse(e.lwwElementSet().get().value());
      } catch (WireException ex) {
        continue;
      }
      VerifiedEvent previous = latest.get(member);
      if (previous == null || newer(e, previous)) latest.put(member, e);
    }
    Set<SystemKey> out = new LinkedHashSet<>();
    latest.forEach((member, e) -> {
      if (e.lwwElementSet().map(Lww.SetOperation::add).orElse(false)) out.add(member);
    });
    return out;
  }

  private static boolean newer(VerifiedEvent a, VerifiedEvent b) {
    long ta = a.lwwElementSet().get().unixMilliseconds();
    long tb = b.lwwElementSet().get().unixMilliseconds();
    return ta != tb ? ta > tb : BY_KEY.compare(a, b) > 0;
  }
}
