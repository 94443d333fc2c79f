package io.wya.cli.tui;

import io.wya.client.ClientException;
import io.wya.client.Progress;
import io.wya.client.WyaClient;
import io.wya.client.chat.ChatSession;
import io.wya.client.chat.Conversation;
import io.wya.client.social.Contacts;
import io.wya.client.social.SocialClient;
import io.wya.polycentric.Opinion;
import io.wya.polycentric.SystemKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/// What the input line does, run on the TUI's one worker thread (sends and syncs block; the key
/// loop never does). Results and errors go to the status line.
final class TuiActions {
  static final String HELP = "/new NAME · /dm USER [TEXT] · /invite USER · /follow USER · /post TEXT · /like ID · /feed · /quit";

  private final WyaClient client;
  private final ChatSession session;
  private final TuiState state;
  private final Runnable redraw;

  private final io.wya.client.presence.PresenceClient presence;
  private final java.util.Set<SystemKey> watching = new java.util.HashSet<>();

  TuiActions(WyaClient client, ChatSession session, TuiState state, ScheduledExecutorService worker, Runnable redraw,
             io.wya.client.presence.PresenceClient presence) {
    this.presence = presence;
    this.client = client;
    this.session = session;
    this.state = state;
    this.redraw = redraw;
  }

  void loadConversations() {
    List<Conversation> conversations = session.chat().conversations();
    for (Conversation c : conversations) {
      state.history(c.id(), session.chat().history(c));
      for (io.wya.client.chat.Outgoing o : session.chat().pending(c)) if (!o.text().isEmpty()) state.pending(pendingLine(client, o));
    }
    state.conversations(conversations);
    redraw.run();
  }

  void submit(String line, Tui tui) {
    try {
      String text = line.strip();
      if (text.startsWith("/")) command(text, tui);
      else send(text);
    } catch (ClientException e) {
      state.status("error: " + e.getMessage());
    } catch (RuntimeException e) {
      state.status("error: " + e);
    }
    redraw.run();
  }

  private void send(String text) {
    Conversation c = state.current();
    if (c == null) {
      state.status("choose a conversation first (Up/Down), or /post TEXT for the feed");
      return;
    }
    String title = TuiRenderer.title(state.snapshot(), c);
    // saved in the outbox at once; the line moves from "sending: …" into the history when accepted
    session.chat().queue(c, text).whenComplete((line, e) -> {
      state.status(e == null ? "sent to " + title : "not sent: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
      redraw.run();
    });
    state.status("sending to " + title + "…");
  }

  static io.wya.client.chat.ChatLine pendingLine(WyaClient client, io.wya.client.chat.Outgoing o) {
    return new io.wya.client.chat.ChatLine(o.conversation(), Long.MAX_VALUE, java.util.Optional.of(client.identity().system()), o.createdMs(),
        o.text(), false);
  }

  private void command(String text, Tui tui) {
    String[] parts = text.split("\\s+", 2);
    String arg = parts.length > 1 ? parts[1].strip() : "";
    switch (parts[0]) {
      case "/help" -> state.status(HELP);
      case "/quit", "/q" -> tui.stop();
      case "/new" -> {
        require(arg, "/new NAME");
        Conversation c = session.chat().createRoom(arg);
        loadConversations();
        state.select(c.id());
        state.status("created #" + arg + "; /invite USER adds people");
      }
      case "/dm" -> {
        require(arg, "/dm USER [TEXT]");
        String[] userAndText = arg.split("\\s+", 2);
        Conversation c = session.chat().dm(user(userAndText[0]));
        loadConversations();
        state.select(c.id());
        if (userAndText.length > 1) session.chat().send(c, userAndText[1]);
        state.status("DM with " + userAndText[0]);
      }
      case "/invite" -> {
        require(arg, "/invite USER");
        Conversation c = state.current();
        if (c == null) throw new ClientException(io.wya.client.ClientError.INVALID_ARGUMENT, "choose a room first");
        session.chat().invite(c, user(arg));
        state.status("invited " + arg);
      }
      case "/follow" -> {
        require(arg, "/follow USER");
        SystemKey other = user(arg);
        published(social(s -> s.follow(other)), "following " + arg);
        refreshSocial();
      }
      case "/post" -> {
        require(arg, "/post TEXT");
        published(social(s -> s.post(arg)), "posted");
      }
      case "/like" -> {
        require(arg, "/like POST-ID");
        published(social(s -> s.opinion(s.findPost(arg), Opinion.LIKE)), "liked " + arg);
        refreshSocial();
      }
      case "/feed" -> {
        state.showFeed();
        refreshSocial();
      }
      default -> state.status("unknown command " + parts[0] + " — " + HELP);
    }
  }

  /// Syncs the social side (own events out, followees' in) and refreshes the feed and contacts.
  void refreshSocial() {
    try {
      SocialClient.SyncReport report = social(s -> s.sync(new StatusProgress()));
      List<io.wya.client.social.FeedItem> feed = social(s -> s.feed(50, true));
      List<TuiState.Contact> contacts = new ArrayList<>();
      SocialClient s = client.social();
      for (SystemKey followee : s.followees()) {
        String name = s.contacts().of(followee).map(Contacts.Contact::alias).filter(a -> !a.isEmpty())
            .or(() -> s.nameOf(followee)).orElse(Contacts.publicId(followee).substring(0, 10) + "…");
        state.name(Contacts.publicId(followee), name);
        contacts.add(new TuiState.Contact(Contacts.publicId(followee), name, "·"));
      }
      state.contacts(contacts);
      state.feed(feed);
      for (SystemKey followee : s.followees()) {
        if (watching.contains(followee)) continue;
        try {
          for (io.wya.client.presence.PresenceView v : presence.watch(List.of(followee))) state.presence(Contacts.publicId(v.user()), v.describe());
          watching.add(followee);
        } catch (ClientException e) {
          // not a contact (yet): no presence to show
        }
      }
      if (report.pulled() > 0) state.status("feed: " + report.pulled() + " new events");
    } catch (ClientException e) {
      state.status("social node: " + e.getMessage());
    }
    redraw.run();
  }

  private SystemKey user(String text) { return client.social().contacts().resolve(text); }

  private <T> T social(java.util.function.Function<SocialClient, T> action) {
    try (var lock = client.home().lockState("tui")) {
      return action.apply(client.social());
    }
  }

  private void published(SocialClient.Published p, String what) {
    state.status(p.delivered() ? what : what + " (saved; the social node is unreachable: sent by the next sync)");
  }

  private static void require(String arg, String usage) {
    if (arg.isEmpty()) throw new ClientException(io.wya.client.ClientError.INVALID_ARGUMENT, "usage: " + usage);
  }

  /// Long syncs show their progress on the status line.
  private final class StatusProgress implements Progress {
    private String task = "";
    private long total;
    private long done;

    @Override public void begin(String task, long total) {
      this.task = task;
      this.total = total;
      this.done = 0;
    }

    @Override public void advance(long amount) {
      done += amount;
      state.status(task + ": " + done + "/" + total);
      redraw.run();
    }

    @Override public void end() { }
  }
}
