package io.wya.cli.chat;

import io.wya.cli.Cli;
import io.wya.cli.ClientCommand;
import io.wya.client.WyaClient;
import io.wya.client.chat.ChatEvent;
import io.wya.client.chat.ChatLine;
import io.wya.client.chat.ChatSession;
import io.wya.client.chat.Conversation;
import io.wya.client.social.Contacts;
import io.wya.polycentric.SystemKey;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/// Commands that need the gateway session: open it, catch up, act, close (acks and KeyPackages
/// are flushed on close).
abstract class ChatCommandBase extends ClientCommand {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  ChatCommandBase(Cli cli) { super(cli); }

  ChatSession session(WyaClient client, Consumer<ChatEvent> events) {
    ChatSession session = ChatSession.open(client, List.of(), events, cli.chatOptions());
    try {
      session.catchUp();
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  static String name(WyaClient client, SystemKey user) {
    if (user.equals(client.identity().system())) return "you";
    return client.social().contacts().of(user).map(Contacts.Contact::alias).filter(a -> !a.isEmpty())
        .or(() -> client.social().nameOf(user)).orElse(Contacts.publicId(user).substring(0, 10) + "…");
  }

  static String title(WyaClient client, Conversation c) {
    if (c.direct()) return "@" + c.peer().map(p -> name(client, p)).orElse("?");
    return c.name().isEmpty() ? "#" + c.shortId() : "#" + c.name();
  }

  static String render(WyaClient client, ChatLine line) {
    String when = TIME.format(Instant.ofEpochMilli(line.timeMs()).atZone(ZoneId.systemDefault()));
    if (line.system()) return when + "  * " + line.sender().map(s -> name(client, s) + " ").orElse("") + line.text();
    return when + "  " + line.sender().map(s -> name(client, s)).orElse("?") + ": " + line.text();
  }

  static Map<String, Object> json(WyaClient client, Conversation c, ChatLine line) {
    return map("conversation", c.id().hex(), "seq", line.seq(), "sender", line.sender().map(Contacts::publicId).orElse(null),
        "sender_name", line.sender().map(s -> name(client, s)).orElse(null), "time_ms", line.timeMs(), "text", line.text(),
        "system", line.system());
  }

  static Map<String, Object> json(WyaClient client, Conversation c) {
    return map("id", c.id().hex(), "title", title(client, c), "name", c.name(), "direct", c.direct(),
        "peer", c.peer().map(Contacts::publicId).orElse(null), "status", c.status().name(), "last_seq", c.lastSeq());
  }
}
