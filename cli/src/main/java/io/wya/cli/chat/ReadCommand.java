package io.wya.cli.chat;

import io.wya.cli.Cli;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.WyaClient;
import io.wya.client.chat.ChatLine;
import io.wya.client.chat.ChatSession;
import io.wya.client.chat.ChatStore;
import io.wya.client.chat.Conversation;
import io.wya.client.chat.Outbox;
import io.wya.client.chat.Outgoing;
import java.time.Duration;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "read", mixinStandardHelpOptions = true,
    description = {"Fetch what arrived while you were away (the gateway's log after this device's cursor), decrypt it, and",
        "show the conversation's history. Without ROOM: every conversation."})
public final class ReadCommand extends ChatCommandBase {
  @Parameters(arity = "0..1", paramLabel = "ROOM", description = "room name, id prefix, or @user") String room;
  @Option(names = {"-n", "--limit"}, defaultValue = "50", paramLabel = "N", description = "last N lines per conversation (default ${DEFAULT-VALUE})")
  int limit;
  @Option(names = "--offline", description = "show what this device has, without connecting to the gateway")
  boolean offline;

  /// How long `read` gives queued messages of this device to go out before it shows them.
  static final Duration OUTBOX_WAIT = Duration.ofSeconds(10);

  public ReadCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaClient client = cli.open();
    if (offline) return show(out, client, new ChatStore(client.store()), new Outbox(client.store()));
    try (ChatSession session = session(client, e -> { })) {
      // what an earlier process left queued goes out first, so that it shows as sent
      session.chat().awaitOutboxSent(OUTBOX_WAIT);
      return show(out, client, new ChatStore(client.store()), new Outbox(client.store()));
    }
  }

  private int show(Output out, WyaClient client, ChatStore store, Outbox outbox) {
    List<Conversation> conversations = room == null ? store.conversations()
        : List.of(store.find(room, client.social().contacts()::resolve));
    StringBuilder text = new StringBuilder();
    List<Map<String, Object>> json = new ArrayList<>();
    for (Conversation c : conversations) {
      List<ChatLine> lines = store.history(c.id());
      List<ChatLine> shown = lines.subList(Math.max(0, lines.size() - limit), lines.size());
      if (conversations.size() > 1) text.append("== ").append(title(client, c)).append(" (").append(c.shortId()).append(")\n");
      List<Map<String, Object>> jsonLines = new ArrayList<>();
      for (ChatLine line : shown) {
        text.append(render(client, line)).append('\n');
        jsonLines.add(json(client, c, line));
      }
      for (Outgoing pending : outbox.pending(c.id())) {
        if (pending.text().isEmpty()) continue;
        ChatLine line = new ChatLine(c.id(), 0, Optional.of(client.identity().system()), pending.createdMs(), pending.text(), false);
        text.append(render(client, line)).append("  (pending)\n");
        Map<String, Object> j = json(client, c, line);
        j.put("seq", null);
        j.put("pending", true);
        jsonLines.add(j);
      }
      Map<String, Object> conv = json(client, c);
      conv.put("lines", jsonLines);
      json.add(conv);
    }
    out.result(conversations.isEmpty() ? "(no conversations yet)" : text.toString().stripTrailing(), map("conversations", json));
    return ExitCode.OK.code();
  }
}
