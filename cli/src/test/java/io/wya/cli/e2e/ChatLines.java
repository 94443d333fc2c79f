package io.wya.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/// Reads the lines of a conversation out of `wya read --json`: the texts and senders of what
/// people wrote, the system lines, and the messages still waiting for the gateway.
final class ChatLines {
  private ChatLines() {}

  /// Texts of the people's lines of `readOrConversation` (a whole `read` answer: its first conversation).
  static List<String> texts(JsonNode readOrConversation) { return field(conversation(readOrConversation), "text", l -> true); }

  /// Texts of the people's lines that are (or are not) still waiting for the gateway.
  static List<String> texts(JsonNode conversation, boolean pending) {
    return field(conversation(conversation), "text", l -> l.path("pending").asBoolean(false) == pending);
  }

  static List<String> senders(JsonNode conversation) { return field(conversation(conversation), "sender", l -> true); }

  static List<String> systemLines(JsonNode conversation) {
    List<String> out = new ArrayList<>();
    conversation(conversation).get("lines").forEach(l -> {
      if (l.get("system").asBoolean()) out.add(l.get("text").asText());
    });
    return out;
  }

  private static JsonNode conversation(JsonNode node) { return node.has("conversations") ? node.get("conversations").get(0) : node; }

  private static List<String> field(JsonNode conversation, String name, Predicate<JsonNode> keep) {
    List<String> out = new ArrayList<>();
    conversation.get("lines").forEach(l -> {
      if (!l.get("system").asBoolean() && keep.test(l)) out.add(l.get(name).asText());
    });
    return out;
  }
}
