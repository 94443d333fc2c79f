package io.wya.cli.social;

import io.wya.cli.Cli;
import io.wya.cli.ClientCommand;
import io.wya.cli.Output;
import io.wya.client.WyaClient;
import io.wya.client.social.Post;
import io.wya.client.social.SocialClient;
import io.wya.polycentric.Opinion;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "like", mixinStandardHelpOptions = true,
    description = "Like a post (an OPINION event; the latest opinion of each user counts).")
public final class LikeCommand extends ClientCommand {
  @Parameters(paramLabel = "POST", description = "post id from `wya feed`")
  String post;

  @ArgGroup(exclusive = true)
  Kind kind;

  static final class Kind {
    @Option(names = "--undo", description = "take a like or dislike back (neutral)") boolean undo;
    @Option(names = "--dislike", description = "dislike instead") boolean dislike;
  }

  public LikeCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    Opinion opinion = kind == null ? Opinion.LIKE : kind.undo ? Opinion.NEUTRAL : Opinion.DISLIKE;
    WyaClient client = cli.open();
    try (var lock = client.home().lockState("like")) {
      Post target = client.social().findPost(post);
      SocialClient.Published p = client.social().opinion(target, opinion);
      String verb = switch (opinion) {
        case LIKE -> "liked";
        case DISLIKE -> "disliked";
        case NEUTRAL -> "cleared your opinion on";
      };
      return published(out, p, verb + " " + target.id(), map("post", target.id(), "opinion", opinion.name().toLowerCase()));
    }
  }
}
