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

@Command(name = "reply", mixinStandardHelpOptions = true, description = "Reply to a post (by the id `wya feed` shows).")
public final class ReplyCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "POST", description = "post id from `wya feed`, or a base64url Pointer")
  String post;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "the reply")
  List<String> words;

  public ReplyCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaClient client = cli.open();
    try (var lock = client.home().lockState("reply")) {
      Post to = client.social().findPost(post);
      SocialClient.Published p = client.social().reply(to, String.join(" ", words));
      String id = Post.shortId(p.event());
      return published(out, p, "replied " + id + " to " + to.id(), map("id", id, "reply_to", to.id()));
    }
  }
}
