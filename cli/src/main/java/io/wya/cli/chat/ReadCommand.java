package io.wya.cli.chat;

import io.wya.cli.Cli;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.WyaClient;
import io.wya.client.chat.ChatLine;
import io.wya.client.chat.ChatSession;
import io.wya.client.chat.Conversation;
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

  public ReadCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaClient client = cli.open();
    try (ChatSession session = session(client, e -> { })) {
      List<Conversation> conversations = room == null ? session.chat().conversations()
          : List.of(session.chat().find(room, client.social().contacts()::resolve));
      StringBuilder text = new StringBuilder();
      List<Map<String, Object>> json = new ArrayList<>();
      for (Conversation c : conversations) {
        List<ChatLine> lines = session.chat().history(c);
        List<ChatLine> shown = lines.subList(Math.max(0, lines.size() - limit), lines.size());
        if (conversations.size() > 1) text.append("== ").append(title(client, c)).append(" (").append(c.shortId()).append(")\n");
        List<Map<String, Object>> jsonLines = new ArrayList<>();
        for (ChatLine line : shown) {
          text.append(render(client, line)).append('\n');
          jsonLines.add(json(client, c, line));
        }
        Map<String, Object> conv = json(client, c);
        conv.put("lines", jsonLines);
        json.add(conv);
      }
      out.result(conversations.isEmpty() ? "(no conversations yet)" : text.toString().stripTrailing(), map("conversations", json));
      return ExitCode.OK.code();
    }
  }
}
