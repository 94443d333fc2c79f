package io.wya.cli.social;

import io.wya.cli.Cli;
import io.wya.cli.ClientCommand;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.WyaClient;
import io.wya.client.social.Contacts;
import io.wya.client.social.SocialClient;
import io.wya.client.social.SystemView;
import io.wya.polycentric.SystemKey;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "profile", mixinStandardHelpOptions = true,
    description = {"Show a profile (yours without USER), or set your name and description.",
        "  wya profile --name Alice --description 'likes tea'", "  wya profile bob"})
public final class ProfileCommand extends ClientCommand {
  @Parameters(arity = "0..1", paramLabel = "USER", description = "public id, alias or known username (default: you)")
  String user;

  @Option(names = "--name", paramLabel = "NAME", description = "set your profile name")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "set your profile description")
  String description;

  public ProfileCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaClient client = cli.open();
    try (var lock = client.home().lockState("profile")) {
      SocialClient social = client.social();
      if (name != null || description != null) {
        if (user != null) throw new ClientException(ClientError.INVALID_ARGUMENT, "you can only set your own profile");
        SocialClient.Published last = null;
        if (name != null) last = social.setUsername(name);
        if (description != null && (last == null || last.delivered())) last = social.setDescription(description);
        else if (description != null) social.setDescription(description);
        return published(out, last, "profile updated", map("name", social.me().username().orElse(null),
            "description", social.me().description().orElse(null)));
      }
      SystemKey system = user == null ? client.identity().system() : social.contacts().resolve(user);
      SystemView view = social.profile(system, cli.progress());
      String id = Contacts.publicId(system);
      Map<String, Object> o = map("id", id, "name", view.username().orElse(null), "description", view.description().orElse(null),
          "following", view.following().size(), "posts", view.posts().size());
      out.result(view.username().orElse("(no name)") + "  " + id
          + view.description().map(d -> "\n  " + d).orElse("")
          + "\n  following " + view.following().size() + ", posts " + view.posts().size(), o);
      return ExitCode.OK.code();
    }
  }
}
