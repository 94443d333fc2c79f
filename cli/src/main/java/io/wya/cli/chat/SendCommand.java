package io.wya.cli.chat;

import io.wya.cli.Cli;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.WyaClient;
import io.wya.client.chat.ChatLine;
import io.wya.client.chat.ChatSession;
import io.wya.client.chat.Conversation;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "send", mixinStandardHelpOptions = true, description = "Send an encrypted message to a room or DM.")
public final class SendCommand extends ChatCommandBase {
  @Parameters(index = "0", paramLabel = "ROOM", description = "room name, id prefix, or @user for the DM") String room;
  @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT") List<String> words;

  public SendCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaClient client = cli.open();
    try (ChatSession session = session(client, e -> { })) {
      Conversation c = session.chat().find(room, client.social().contacts()::resolve);
      ChatLine line = session.chat().send(c, String.join(" ", words));
      out.result("sent to " + title(client, c) + " (seq " + line.seq() + ")", json(client, c, line));
      return ExitCode.OK.code();
    }
  }
}
