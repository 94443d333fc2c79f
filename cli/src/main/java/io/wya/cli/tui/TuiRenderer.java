package io.wya.cli.tui;

import io.wya.client.chat.ChatLine;
import io.wya.client.chat.Conversation;
import io.wya.client.social.Contacts;
import io.wya.client.social.FeedItem;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/// Draws one frame of the TUI for a terminal of `columns × rows`: a title bar with the connection
/// state, a left pane (feed, conversations, contacts), the main pane (the chosen conversation or
/// the feed, newest at the bottom), a status line and the input line. Pure: a snapshot in, lines out.
final class TuiRenderer {
  static final int LEFT_WIDTH = 24;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final AttributedStyle BAR = AttributedStyle.INVERSE;
  private static final AttributedStyle SELECTED = AttributedStyle.BOLD.inverse();
  private static final AttributedStyle HEADING = AttributedStyle.BOLD;
  private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();

  private TuiRenderer() {}

  /// The frame's lines and the cursor column on the input line (the last line).
  record Frame(List<AttributedString> lines, int cursorColumn) {}

  /// @param unicode whether the terminal shows UTF-8 (else box and heart characters become ASCII)
  static Frame render(TuiState.Snapshot s, int columns, int rows, boolean unicode) {
    int cols = Math.max(columns, 40);
    int height = Math.max(rows, 8);
    int left = Math.min(LEFT_WIDTH, cols / 3);
    int right = cols - left - 1;
    int body = height - 3;
    List<AttributedString> out = new ArrayList<>(height);
    out.add(bar(" wya  " + s.me(), "gateway: " + s.connection() + " ", cols));
    List<AttributedString> leftPane = leftPane(s, left, body);
    List<String> mainPane = s.feedSelected() ? feed(s, right, unicode) : chat(s, right);
    int end = Math.max(0, mainPane.size() - s.scroll());
    List<String> visible = mainPane.subList(Math.max(0, end - body), end);
    for (int r = 0; r < body; r++) {
      AttributedStringBuilder line = new AttributedStringBuilder();
      line.append(r < leftPane.size() ? leftPane.get(r) : new AttributedString(""));
      pad(line, left);
      line.append(unicode ? "│" : "|", DIM);
      int offset = body - visible.size();
      if (r >= offset) line.append(fit(visible.get(r - offset), right));
      out.add(line.toAttributedString());
    }
    out.add(new AttributedString(fit(s.status(), cols), DIM));
    String prompt = "> ";
    int room = cols - prompt.length() - 1;
    int start = Math.max(0, s.inputCursor() - room);
    String input = s.input().substring(start, Math.min(s.input().length(), start + room));
    out.add(new AttributedString(prompt + input));
    return new Frame(out, prompt.length() + s.inputCursor() - start);
  }

  private static List<AttributedString> leftPane(TuiState.Snapshot s, int width, int height) {
    List<AttributedString> out = new ArrayList<>();
    out.add(entry("Feed", s.feedSelected(), width));
    out.add(new AttributedString(fit("Conversations", width), HEADING));
    List<Conversation> convs = s.conversations();
    if (convs.isEmpty()) out.add(new AttributedString(fit("  (none: /new NAME)", width), DIM));
    for (int i = 0; i < convs.size(); i++) out.add(entry(title(s, convs.get(i)), !s.feedSelected() && i == s.selectedConversation(), width));
    out.add(new AttributedString(fit("Contacts", width), HEADING));
    if (s.contacts().isEmpty()) out.add(new AttributedString(fit("  (none: /follow ID)", width), DIM));
    for (TuiState.Contact c : s.contacts()) {
      String presence = c.presence().equals("·") ? "" : " (" + c.presence() + ")";
      out.add(new AttributedString(fit("  " + c.name() + presence, width)));
    }
    return out.size() > height ? out.subList(0, height) : out;
  }

  private static AttributedString entry(String text, boolean selected, int width) {
    return selected ? new AttributedString(fit("> " + text, width), SELECTED) : new AttributedString(fit("  " + text, width));
  }

  static String title(TuiState.Snapshot s, Conversation c) {
    if (c.direct()) return "@" + c.peer().map(p -> name(s, Contacts.publicId(p))).orElse("?");
    return "#" + (c.name().isEmpty() ? c.shortId() : c.name());
  }

  private static List<String> chat(TuiState.Snapshot s, int width) {
    List<String> out = new ArrayList<>();
    if (s.selectedConversation() < 0 || s.conversations().isEmpty()) {
      out.add("No conversation yet. /new NAME creates a room, /dm USER a direct one.");
      return out;
    }
    for (ChatLine line : s.lines()) {
      String when = TIME.format(Instant.ofEpochMilli(line.timeMs()).atZone(ZoneId.systemDefault()));
      String who = line.sender().map(k -> name(s, Contacts.publicId(k))).orElse("");
      String text = line.system() ? when + " * " + (who.isEmpty() ? "" : who + " ") + line.text() : when + " " + who + ": " + line.text();
      out.addAll(wrap(text, width));
    }
    return out;
  }

  private static List<String> feed(TuiState.Snapshot s, int width, boolean unicode) {
    List<String> out = new ArrayList<>();
    if (s.feed().isEmpty()) out.add("The feed is empty: /follow ID, then /feed.");
    for (FeedItem item : s.feed()) {
      String author = item.authorName().orElse(name(s, Contacts.publicId(item.author())));
      String counts = item.counts().map(c -> unicode ? "  ♥ " + c.likes() + "  ↩ " + c.replies()
          : "  likes " + c.likes() + "  replies " + c.replies()).orElse("");
      out.addAll(wrap(item.post().id() + "  " + author + counts + (item.likedByMe() ? "  (liked)" : ""), width));
      for (String line : item.post().text().split("\n")) out.addAll(wrap("    " + line, width));
    }
    return out;
  }

  static String name(TuiState.Snapshot s, String publicId) {
    if (publicId.equals(s.names().getOrDefault("me", ""))) return "you";
    return s.names().getOrDefault(publicId, publicId.substring(0, Math.min(10, publicId.length())) + "…");
  }

  static List<String> wrap(String text, int width) {
    List<String> out = new ArrayList<>();
    String rest = text;
    while (rest.length() > width) {
      int cut = rest.lastIndexOf(' ', width);
      if (cut <= 0) cut = width;
      out.add(rest.substring(0, cut));
      rest = "  " + rest.substring(cut).stripLeading();
    }
    out.add(rest);
    return out;
  }

  private static AttributedString bar(String left, String right, int cols) {
    String middle = " ".repeat(Math.max(1, cols - left.length() - right.length()));
    return new AttributedString(fit(left + middle + right, cols), BAR);
  }

  private static void pad(AttributedStringBuilder line, int width) {
    while (line.columnLength() < width) line.append(' ');
  }

  static String fit(String text, int width) {
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() <= width ? oneLine : oneLine.substring(0, Math.max(0, width - 1)) + "…";
  }
}
