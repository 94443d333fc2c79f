package io.wya.client.social;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.Progress;
import io.wya.client.identity.Identity;
import io.wya.client.vault.RecordStore;
import io.wya.polycentric.Base64Url;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.EventAuthor;
import io.wya.polycentric.EventPointer;
import io.wya.polycentric.Opinion;
import io.wya.polycentric.Reference;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.WireException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/// The social side of the client: publishes this device's events, keeps local replicas of its own
/// and its followees' logs in sync with the node, and answers feed and profile questions from
/// them. A publish is durable locally first and sent second: when the node is unreachable the event
/// waits in the own log and the next sync sends it.
public final class SocialClient {
  private final Identity identity;
  private final SocialNode node;
  private final URI nodeUrl;
  private final Clock clock;
  private final EventLogStore logs;
  private final ProcessStateStore processState;
  private final Contacts contacts;
  private final SocialSync sync;
  private EventLog own;

  /// @param delivered false when the event is stored locally but the node could not be reached
  public record Published(VerifiedEvent event, boolean delivered, Optional<String> problem) {}

  /// @param pushed own events sent; @param pulled events received, over all systems
  public record SyncReport(int pushed, int pulled, int systems) {}

  public SocialClient(Identity identity, RecordStore store, SocialNode node, URI nodeUrl, Clock clock) {
    this.identity = identity;
    this.node = node;
    this.nodeUrl = nodeUrl;
    this.clock = clock;
    this.logs = new EventLogStore(store);
    this.processState = new ProcessStateStore(store);
    this.contacts = new Contacts(store);
    this.sync = new SocialSync(node);
  }

  public Identity identity() { return identity; }

  public Contacts contacts() { return contacts; }

  public EventLog ownLog() {
    if (own == null) own = logs.load(identity.system());
    return own;
  }

  public SystemView me() { return new SystemView(ownLog()); }

  /// The first events of a new identity: the node it publishes to (as the official client does
  /// before anything else), then the profile name when one is given.
  public Published announce(Optional<String> username) {
    Published server = publish(a -> a.addServer(nodeUrl.toString()));
    return username.map(this::setUsername).orElse(server);
  }

  /// [#announce] without contacting the node: the events wait for the first sync.
  public Published announceLocally(Optional<String> username) {
    Published server = publishLocally(a -> a.addServer(nodeUrl.toString()));
    return username.map(n -> publishLocally(a -> a.username(requireText(n, "name", 100)))).orElse(server);
  }

  public Published setUsername(String name) { return publish(a -> a.username(requireText(name, "name", 100))); }

  public Published setDescription(String text) { return publish(a -> a.description(requireText(text, "description", 1000))); }

  public Published post(String text) { return publish(a -> a.post(requirePostText(text))); }

  public Published reply(Post to, String text) {
    return publish(a -> a.post(requirePostText(text), List.of(Reference.to(to.pointer()))));
  }

  public Published opinion(Post on, Opinion opinion) { return publish(a -> a.opinion(Reference.to(on.pointer()), opinion)); }

  public Published follow(SystemKey other) {
    if (other.equals(identity.system())) throw new ClientException(ClientError.INVALID_ARGUMENT, "you cannot follow yourself");
    return publish(a -> a.follow(other));
  }

  public Published unfollow(SystemKey other) { return publish(a -> a.unfollow(other)); }

  public Published block(SystemKey other) {
    if (other.equals(identity.system())) throw new ClientException(ClientError.INVALID_ARGUMENT, "you cannot block yourself");
    return publish(a -> a.block(other));
  }

  public Published unblock(SystemKey other) { return publish(a -> a.unblock(other)); }

  /// Signs one event with the next clock, stores it, then sends what the node lacks.
  public synchronized Published publish(Function<EventAuthor, VerifiedEvent> action) {
    VerifiedEvent event = publishLocally(action).event();
    try {
      sync.push(ownLog());
      return new Published(event, true, Optional.empty());
    } catch (ClientException e) {
      if (e.error() != ClientError.UNREACHABLE && e.error() != ClientError.SERVER_REJECTED) throw e;
      return new Published(event, false, Optional.of(e.getMessage()));
    }
  }

  private synchronized Published publishLocally(Function<EventAuthor, VerifiedEvent> action) {
    EventAuthor author = new EventAuthor(identity.key(), identity.process(), processState.load(), clock);
    VerifiedEvent event = action.apply(author);
    processState.save(author.state());
    ownLog().add(event);
    logs.save(ownLog());
    return new Published(event, false, Optional.of("not sent yet"));
  }

  /// Own log both ways (events of this user's other devices come in), then every followee's log in.
  public synchronized SyncReport sync(Progress progress) {
    int pulled = sync.pull(ownLog(), progress);
    logs.save(ownLog());
    int pushed = sync.push(ownLog());
    int systems = 1;
    for (SystemKey followee : followees()) {
      pulled += pullAndSave(followee, progress);
      systems++;
    }
    return new SyncReport(pushed, pulled, systems);
  }

  /// Followed and not blocked.
  public List<SystemKey> followees() {
    SystemView me = me();
    Set<SystemKey> blocked = me.blocked();
    return me.following().stream().filter(s -> !blocked.contains(s)).toList();
  }

  /// The followees' posts, newest first; with counts from the node for the first `limit` posts.
  public List<FeedItem> feed(int limit, boolean withCounts) {
    SystemView me = me();
    List<Post> posts = new ArrayList<>();
    for (SystemKey followee : followees()) posts.addAll(new SystemView(logs.load(followee)).posts());
    posts.sort(Comparator.comparingLong(Post::unixMilliseconds).reversed().thenComparing(Post::id));
    List<FeedItem> items = new ArrayList<>();
    for (Post p : posts.subList(0, Math.min(limit, posts.size()))) {
      Optional<SocialNode.ReferenceCounts> counts = Optional.empty();
      if (withCounts) {
        try {
          counts = Optional.of(node.counts(p.pointer()));
        } catch (ClientException e) {
          if (e.error() != ClientError.UNREACHABLE && e.error() != ClientError.SERVER_REJECTED) throw e;
        }
      }
      items.add(new FeedItem(p, nameOf(p.author()), counts, likes(me, p)));
    }
    return items;
  }

  /// Likes, dislikes and replies of one post, from the node.
  public SocialNode.ReferenceCounts counts(Post post) { return node.counts(post.pointer()); }

  /// A user's profile view, after pulling their log from the node (own: the local log).
  public SystemView profile(SystemKey system, Progress progress) {
    if (system.equals(identity.system())) return me();
    pullAndSave(system, progress);
    SystemView view = new SystemView(logs.load(system));
    view.username().ifPresent(name -> contacts.of(system).ifPresent(c -> contacts.remember(system, "", name)));
    return view;
  }

  /// A system's current username straight from the node (`/query_latest`), without pulling its
  /// whole log: what `follow` shows before the first feed sync.
  public Optional<String> fetchUsername(SystemKey system) {
    return node.queryLatest(system, List.of(ContentType.USERNAME)).stream()
        .filter(e -> e.system().equals(system) && e.contentType() == ContentType.USERNAME && e.lwwElement().isPresent())
        .max(Comparator.comparingLong((VerifiedEvent e) -> e.lwwElement().get().unixMilliseconds()))
        .map(e -> e.lwwElement().get().value().toStringUtf8());
  }

  /// The username of a system from its local log, or the contact's last known one.
  public Optional<String> nameOf(SystemKey system) {
    Optional<String> name = system.equals(identity.system()) ? me().username() : new SystemView(logs.load(system)).username();
    return name.or(() -> contacts.of(system).map(Contacts.Contact::username).filter(n -> !n.isEmpty()));
  }

  /// Finds a post by its short id (a hex prefix of its digest, at least 6 characters) or by the
  /// base64url of its `Pointer`, among every log this device holds.
  public Post findPost(String reference) {
    String ref = reference.strip().toLowerCase(Locale.ROOT);
    if (ref.matches("[0-9a-f]{6,64}")) {
      List<Post> matches = new ArrayList<>();
      for (SystemKey system : logs.systems()) {
        for (VerifiedEvent e : logs.load(system).all()) {
          if (e.contentType() == ContentType.POST && java.util.HexFormat.of().formatHex(e.digest().toByteArray()).startsWith(ref)) {
            SystemView.postOf(e).ifPresent(matches::add);
          }
        }
      }
      if (matches.size() == 1) return matches.getFirst();
      if (matches.size() > 1) throw new ClientException(ClientError.INVALID_ARGUMENT, "post id " + reference + " is ambiguous; give more characters");
    } else {
      try {
        EventPointer pointer = EventPointer.parse(com.google.protobuf.ByteString.copyFrom(Base64Url.decode(reference.strip())));
        EventLog log = logs.load(pointer.key().system());
        for (VerifiedEvent e : log.all()) {
          if (e.key().equals(pointer.key())) return SystemView.postOf(e).orElseThrow(() -> notFound(reference));
        }
      } catch (WireException e) {
        throw new ClientException(ClientError.INVALID_ARGUMENT, "'" + reference + "' is neither a post id nor a pointer");
      }
    }
    throw notFound(reference);
  }

  private int pullAndSave(SystemKey system, Progress progress) {
    EventLog log = logs.load(system);
    int n = sync.pull(log, progress);
    logs.save(log);
    return n;
  }

  private boolean likes(SystemView me, Post p) {
    return me.opinionOn(p.pointer()).flatMap(VerifiedEvent::lwwElement).map(e -> e.value().equals(Opinion.LIKE.value())).orElse(false);
  }

  private static ClientException notFound(String reference) {
    return new ClientException(ClientError.NOT_FOUND, "no post " + reference + " on this device (run `wya feed` to sync first)");
  }

  private static String requireText(String text, String what, int maxChars) {
    if (text.isBlank()) throw new ClientException(ClientError.INVALID_ARGUMENT, "the " + what + " is empty");
    if (text.length() > maxChars) throw new ClientException(ClientError.INVALID_ARGUMENT, "the " + what + " is longer than " + maxChars + " characters");
    return text;
  }

  /// Posts longer than the node's 10,000 UTF-8 bytes are rejected by it (protocol doc §3.2).
  private static String requirePostText(String text) {
    if (text.isBlank()) throw new ClientException(ClientError.INVALID_ARGUMENT, "the post is empty");
    if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_POST_BYTES) {
      throw new ClientException(ClientError.INVALID_ARGUMENT, "a post is at most " + MAX_POST_BYTES + " bytes of UTF-8");
    }
    return text;
  }

  /// The node's `MAX_POST_LENGTH`.
  public static final int MAX_POST_BYTES = 10_000;
}
