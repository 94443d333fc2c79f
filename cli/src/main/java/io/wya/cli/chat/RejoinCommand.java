package io.wya.cli.chat;

import io.wya.cli.Cli;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.WyaClient;
import io.wya.client.chat.ChatSession;
import io.wya.client.chat.Conversation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rejoin", mixinStandardHelpOptions = true,
    description = {"Rejoin a conversation whose encrypted state on this device is lost or broken (it says so in wya read):",
        "an MLS external Commit from the gateway's latest GroupInfo replaces this device's place in the group; the others",
        "need do nothing. Messages sent while the state was lost stay unreadable; everything after is readable again.",
        "wya listen and wya tui do this by themselves."})
public final class RejoinCommand extends ChatCommandBase {
  @Parameters(paramLabel = "ROOM", description = "room name, id prefix, or @user") String room;
  @Option(names = "--force", description = "rejoin even though the state looks fine (messages of others stopped decrypting)") boolean force;

  public RejoinCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaClient client = cli.open();
    try (ChatSession session = session(client, e -> { })) {
      Conversation c = session.chat().rejoin(session.chat().find(room, client.social().contacts()::resolve), force);
      out.result("rejoined " + title(client, c) + " (" + c.shortId() + ")", json(client, c));
      return ExitCode.OK.code();
    }
  }
}
