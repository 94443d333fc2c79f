package io.wya.cli.chat;

import io.wya.cli.Cli;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.WyaClient;
import io.wya.client.chat.ChatLine;
import io.wya.client.chat.ChatSession;
import io.wya.client.chat.Conversation;
import io.wya.polycentric.SystemKey;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "dm", mixinStandardHelpOptions = true,
    description = {"Open (or create) the direct conversation with a user — a two-member MLS group — and optionally send.",
        "  wya dm bob            wya dm bob are you there?"})
public final class DmCommand extends ChatCommandBase {
  @Parameters(index = "0", paramLabel = "USER", description = "public id, alias or known username") String user;
  @Parameters(index = "1..*", arity = "0..*", paramLabel = "TEXT", description = "a message to send") List<String> words;

  public DmCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaClient client = cli.open();
    SystemKey peer = client.social().contacts().resolve(user);
    try (ChatSession session = session(client, e -> { })) {
      Conversation c = session.chat().dm(peer);
      if (words == null || words.isEmpty()) {
        out.result(title(client, c) + " (" + c.shortId() + ")", json(client, c));
      } else {
        ChatLine line = session.chat().send(c, String.join(" ", words));
        out.result("sent to " + title(client, c) + " (seq " + line.seq() + ")", json(client, c, line));
      }
      return ExitCode.OK.code();
    }
  }
}
