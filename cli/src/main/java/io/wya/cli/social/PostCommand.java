package io.wya.cli.social;

import io.wya.cli.Cli;
import io.wya.cli.ClientCommand;
import io.wya.cli.Output;
import io.wya.client.WyaClient;
import io.wya.client.social.Post;
import io.wya.client.social.SocialClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "post", mixinStandardHelpOptions = true, description = "Publish a post (signed on this device, sent to the social node).")
public final class PostCommand extends ClientCommand {
  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "the text (several words are joined with spaces)")
  List<String> words;

  public PostCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaClient client = cli.open();
    try (var lock = client.home().lockState("post")) {
      SocialClient.Published p = client.social().post(String.join(" ", words));
      String id = Post.shortId(p.event());
      return published(out, p, "posted " + id, map("id", id, "clock", p.event().logicalClock()));
    }
  }
}
