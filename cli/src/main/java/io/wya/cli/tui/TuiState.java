package io.wya.cli.tui;

import io.wya.client.chat.ChatLine;
import io.wya.client.chat.Conversation;
import io.wya.client.social.FeedItem;
import io.wya.gateway.protocol.ConvId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// Everything the TUI shows, changed by the key loop and by client events from other threads;
/// [TuiRenderer] draws a [#snapshot()] of it. All methods are synchronized.
final class TuiState {
  /// One entry of the contacts pane: a followee and what is known of their presence ("·" unknown).
  record Contact(String id, String name, String presence) {}

  /// An immutable copy for one frame.
  record Snapshot(String me, String connection, String status, String input, int inputCursor, boolean feedSelected,
                  List<Conversation> conversations, int selectedConversation, List<ChatLine> lines, List<FeedItem> feed,
                  List<Contact> contacts, int scroll, Map<String, String> names) {}

  private final String me;
  private String connection = "connecting";
  private String status = "Up/Down: choose · Enter: send · /help: commands · Ctrl-C: quit";
  private final StringBuilder input = new StringBuilder();
  private int cursor;
  private boolean feedSelected;
  private List<Conversation> conversations = List.of();
  private int selected = -1;
  private final Map<ConvId, List<ChatLine>> lines = new HashMap<>();
  /// Own messages not confirmed by the gateway yet, shown after the history as "sending: …".
  private final Map<ConvId, List<ChatLine>> pending = new HashMap<>();
  private List<FeedItem> feed = List.of();
  private List<Contact> contacts = List.of();
  private final Map<String, String> names = new HashMap<>();
  private int scroll;

  TuiState(String me) { this.me = me; }

  synchronized Snapshot snapshot() {
    Conversation current = current();
    List<ChatLine> shown = new ArrayList<>();
    if (current != null) {
      shown.addAll(lines.getOrDefault(current.id(), List.of()));
      for (ChatLine p : pending.getOrDefault(current.id(), List.of())) {
        // a system-style line, so that "you: …" on screen always means the gateway took it
        shown.add(new ChatLine(p.conversation(), p.seq(), java.util.Optional.empty(), p.timeMs(), "sending: " + p.text(), true));
      }
    }
    return new Snapshot(me, connection, status, input.toString(), cursor, feedSelected, List.copyOf(conversations), selected, List.copyOf(shown),
        List.copyOf(feed), List.copyOf(contacts), scroll, Map.copyOf(names));
  }

  synchronized Conversation current() {
    return feedSelected || selected < 0 || selected >= conversations.size() ? null : conversations.get(selected);
  }

  synchronized boolean feedSelected() { return feedSelected; }

  synchronized void connection(String text) { connection = text; }

  synchronized void status(String text) { status = text; }

  synchronized void name(String publicId, String name) { names.put(publicId, name); }

  /// Replaces the contacts, keeping the presence already known of each.
  synchronized void contacts(List<Contact> list) {
    List<Contact> merged = new ArrayList<>();
    for (Contact c : list) {
      String known = contacts.stream().filter(o -> o.id().equals(c.id())).map(Contact::presence).findFirst().orElse(c.presence());
      merged.add(new Contact(c.id(), c.name(), known));
    }
    contacts = List.copyOf(merged);
  }

  /// A contact's presence changed (shown next to the name).
  synchronized void presence(String id, String text) {
    List<Contact> updated = new ArrayList<>();
    for (Contact c : contacts) updated.add(c.id().equals(id) ? new Contact(c.id(), c.name(), text) : c);
    contacts = List.copyOf(updated);
  }

  synchronized void feed(List<FeedItem> items) { feed = List.copyOf(items); }

  /// Replaces the conversation list, keeping the selection on the same conversation.
  synchronized void conversations(List<Conversation> list) {
    Conversation current = current();
    conversations = List.copyOf(list);
    if (current != null) {
      for (int i = 0; i < conversations.size(); i++) if (conversations.get(i).id().equals(current.id())) selected = i;
    } else if (selected < 0 && !conversations.isEmpty() && !feedSelected) {
      selected = 0;
    }
  }

  synchronized void history(ConvId id, List<ChatLine> history) { lines.put(id, new ArrayList<>(history)); }

  /// An own message waiting for the gateway (`seq` unknown yet).
  synchronized void pending(ChatLine line) { pending.computeIfAbsent(line.conversation(), k -> new ArrayList<>()).add(line); }

  synchronized void line(ChatLine line) {
    List<ChatLine> waiting = pending.get(line.conversation());
    if (waiting != null && !line.system() && line.sender().isPresent()) {
      for (int i = 0; i < waiting.size(); i++) {
        if (waiting.get(i).sender().equals(line.sender()) && waiting.get(i).text().equals(line.text())) {
          waiting.remove(i);
          break;
        }
      }
    }
    List<ChatLine> list = lines.computeIfAbsent(line.conversation(), k -> new ArrayList<>());
    if (list.stream().noneMatch(l -> l.seq() == line.seq() && l.text().equals(line.text()) && l.system() == line.system())) list.add(line);
    list.sort(java.util.Comparator.comparingLong(ChatLine::seq));
  }

  /// Moves the selection through "Feed" (above the first conversation) and the conversations.
  synchronized void move(int delta) {
    int position = feedSelected ? -1 : selected;
    position = Math.max(-1, Math.min(conversations.size() - 1, position + delta));
    feedSelected = position == -1;
    selected = position;
    scroll = 0;
  }

  synchronized void select(ConvId id) {
    for (int i = 0; i < conversations.size(); i++) {
      if (conversations.get(i).id().equals(id)) {
        selected = i;
        feedSelected = false;
        scroll = 0;
      }
    }
  }

  synchronized void showFeed() {
    feedSelected = true;
    scroll = 0;
  }

  synchronized void scroll(int delta) { scroll = Math.max(0, scroll + delta); }

  synchronized void type(String text) {
    input.insert(cursor, text);
    cursor += text.length();
  }

  synchronized void backspace() {
    if (cursor == 0) return;
    input.deleteCharAt(cursor - 1);
    cursor--;
  }

  synchronized void cursor(int delta) { cursor = Math.max(0, Math.min(input.length(), cursor + delta)); }

  /// The input line, cleared.
  synchronized String take() {
    String text = input.toString();
    input.setLength(0);
    cursor = 0;
    return text;
  }
}
