package io.wya.cli.chat;

import io.wya.cli.Cli;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.WyaClient;
import io.wya.client.chat.ChatSession;
import io.wya.client.chat.Conversation;
import io.wya.polycentric.SystemKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "invite", mixinStandardHelpOptions = true,
    description = "Add a user (all their devices) to a room: one MLS Commit with a Welcome, applied when the gateway echoes it.")
public final class InviteCommand extends ChatCommandBase {
  @Parameters(index = "0", paramLabel = "ROOM", description = "room name, id prefix, or @user") String room;
  @Parameters(index = "1", paramLabel = "USER", description = "public id, alias or known username") String user;

  public InviteCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaClient client = cli.open();
    SystemKey invitee = client.social().contacts().resolve(user);
    try (ChatSession session = session(client, e -> { })) {
      Conversation c = session.chat().find(room, client.social().contacts()::resolve);
      session.chat().invite(c, invitee);
      out.result("invited " + name(client, invitee) + " to " + title(client, c), map("conversation", c.id().hex(),
          "user", io.wya.client.social.Contacts.publicId(invitee)));
      return ExitCode.OK.code();
    }
  }
}
