package io.wya.cli.social;

import io.wya.cli.Cli;
import io.wya.cli.ClientCommand;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.WyaClient;
import io.wya.client.social.Contacts;
import io.wya.polycentric.SystemKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "contacts", mixinStandardHelpOptions = true,
    description = {"List the users this device knows (followed, blocked, aliased), or name one:",
        "  wya contacts add bob <public id>"},
    subcommands = ContactsCommand.Add.class)
public final class ContactsCommand extends ClientCommand {
  public ContactsCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaClient client = cli.open();
    var social = client.social();
    Set<SystemKey> following = social.me().following();
    Set<SystemKey> blocked = social.me().blocked();
    Set<SystemKey> all = new LinkedHashSet<>(following);
    all.addAll(blocked);
    social.contacts().all().forEach(c -> all.add(c.system()));
    StringBuilder text = new StringBuilder();
    List<Map<String, Object>> json = new ArrayList<>();
    for (SystemKey s : all) {
      String alias = social.contacts().of(s).map(Contacts.Contact::alias).orElse("");
      String name = social.nameOf(s).orElse("");
      String id = Contacts.publicId(s);
      text.append(String.format("%-44s %-16s %-20s %s%s%n", id, alias, name, following.contains(s) ? "following" : "",
          blocked.contains(s) ? " blocked" : ""));
      json.add(map("id", id, "alias", alias, "name", name, "following", following.contains(s), "blocked", blocked.contains(s)));
    }
    out.result(all.isEmpty() ? "(no contacts yet)" : text.toString().stripTrailing(), map("contacts", json));
    return ExitCode.OK.code();
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Give a user a local alias.")
  public static final class Add extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ALIAS") String alias;
    @Parameters(index = "1", paramLabel = "ID", description = "the user's public id") String id;

    public Add(Cli cli) { super(cli); }

    @Override protected int execute(Output out) {
      SystemKey system = Contacts.parsePublicId(id)
          .orElseThrow(() -> new ClientException(ClientError.INVALID_ARGUMENT, "'" + id + "' is not a public id"));
      WyaClient client = cli.open();
      try (var lock = client.home().lockState("contacts")) {
        client.social().contacts().remember(system, alias, "");
      }
      out.result(alias + " = " + Contacts.publicId(system), map("alias", alias, "id", Contacts.publicId(system)));
      return ExitCode.OK.code();
    }
  }
}
