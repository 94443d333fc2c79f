package io.wya.cli.chat;

import io.wya.cli.Cli;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.WyaClient;
import io.wya.client.chat.ChatSession;
import io.wya.client.chat.Conversation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "chat", mixinStandardHelpOptions = true,
    description = {"End-to-end encrypted rooms (MLS groups through the gateway).",
        "  wya chat new tea-club bob carol       wya chat list       wya chat rejoin tea-club"},
    subcommands = {ChatCommand.New.class, ChatCommand.ListCommand.class, ChatCommand.Keys.class, RejoinCommand.class})
public final class ChatCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

  @Command(name = "new", mixinStandardHelpOptions = true,
      description = "Create a room (you are its only member), and invite the users named after it (as wya invite does).")
  public static final class New extends ChatCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "the room's name (shown to members)") String name;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "USER", description = "users to invite: public id, alias or known username")
    List<String> users;

    public New(Cli cli) { super(cli); }

    @Override protected int execute(Output out) {
      WyaClient client = cli.open();
      List<io.wya.polycentric.SystemKey> invitees = users == null ? List.of() : users.stream().map(client.social().contacts()::resolve).toList();
      try (ChatSession session = session(client, e -> { })) {
        Conversation c = session.chat().createRoom(name);
        for (io.wya.polycentric.SystemKey user : invitees) session.chat().invite(c, user);
        out.result("created " + title(client, c) + " (" + c.shortId() + ")" + (invitees.isEmpty() ? "" : " with " + invitees.size()
            + " invited"), json(client, c));
        return ExitCode.OK.code();
      }
    }
  }

  @Command(name = "keys", mixinStandardHelpOptions = true,
      description = {"Show this device's KeyPackages on the gateway (others use one each to invite this device), after topping",
          "them up. Without any one-time package left, invitations use the device's last-resort package."})
  public static final class Keys extends ChatCommandBase {
    public Keys(Cli cli) { super(cli); }

    @Override protected int execute(Output out) {
      WyaClient client = cli.open();
      try (ChatSession session = session(client, e -> { })) {
        io.wya.client.chat.KeyPackageStatus s = session.chat().keyPackageStatus();
        out.result("one-time KeyPackages on the gateway: " + s.oneTime() + " (" + s.foundOneTime() + " when this session started); last resort: "
            + (s.lastResort() ? "yes" : "no"), map("one_time", s.oneTime(), "found_one_time", s.foundOneTime(), "last_resort", s.lastResort()));
        return ExitCode.OK.code();
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List your rooms and DMs (connects first: new invitations arrive, and this device registers for chat).")
  public static final class ListCommand extends ChatCommandBase {
    public ListCommand(Cli cli) { super(cli); }

    @Override protected int execute(Output out) {
      WyaClient client = cli.open();
      try (ChatSession session = session(client, e -> { })) {
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> json = new ArrayList<>();
        for (Conversation c : session.chat().conversations()) {
          text.append(String.format("%-10s %-24s %s%n", c.shortId(), title(client, c),
              c.status() == Conversation.Status.ACTIVE ? "" : c.status().name().toLowerCase()));
          json.add(json(client, c));
        }
        out.result(json.isEmpty() ? "(no conversations yet: wya chat new NAME, or wya dm USER)" : text.toString().stripTrailing(),
            map("conversations", json));
        return ExitCode.OK.code();
      }
    }
  }
}
