package io.wya.cli.social;

import io.wya.cli.Cli;
import io.wya.cli.ClientCommand;
import io.wya.cli.Output;
import io.wya.client.ClientException;
import io.wya.client.WyaClient;
import io.wya.client.social.Contacts;
import io.wya.client.social.SocialClient;
import io.wya.polycentric.SystemKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/// `follow`, `unfollow`, `block`, `unblock`: one LWW-set event each.
public final class FollowCommands {
  private FollowCommands() {}

  @Command(name = "follow", mixinStandardHelpOptions = true,
      description = "Follow a user: their posts appear in `wya feed`; mutual follows are contacts for chat presence.")
  public static final class Follow extends ClientCommand {
    @Parameters(paramLabel = "USER", description = "public id (from `wya whoami`), alias or known username")
    String user;

    @Option(names = "--as", paramLabel = "ALIAS", description = "a local name for this user")
    String alias;

    public Follow(Cli cli) { super(cli); }

    @Override protected int execute(Output out) {
      WyaClient client = cli.open();
      try (var lock = client.home().lockState("follow")) {
        SocialClient social = client.social();
        SystemKey other = social.contacts().resolve(user);
        SocialClient.Published p = social.follow(other);
        String name = "";
        if (p.delivered()) {
          try {
            name = social.fetchUsername(other).orElse("");
          } catch (ClientException e) {
            // the follow is published; the name can come with the next sync
          }
        }
        social.contacts().remember(other, alias == null ? "" : alias, name);
        String id = Contacts.publicId(other);
        return published(out, p, "following " + (name.isEmpty() ? id : name + " (" + id + ")"), map("user", id, "name", name));
      }
    }
  }

  @Command(name = "unfollow", mixinStandardHelpOptions = true, description = "Stop following a user.")
  public static final class Unfollow extends Change {
    public Unfollow(Cli cli) { super(cli, "unfollowed"); }

    @Override SocialClient.Published apply(SocialClient social, SystemKey other) { return social.unfollow(other); }
  }

  @Command(name = "block", mixinStandardHelpOptions = true,
      description = "Block a user: hidden from your feed, and never a contact (no presence, no DMs from them).")
  public static final class Block extends Change {
    public Block(Cli cli) { super(cli, "blocked"); }

    @Override SocialClient.Published apply(SocialClient social, SystemKey other) { return social.block(other); }
  }

  @Command(name = "unblock", mixinStandardHelpOptions = true, description = "Take a block back.")
  public static final class Unblock extends Change {
    public Unblock(Cli cli) { super(cli, "unblocked"); }

    @Override SocialClient.Published apply(SocialClient social, SystemKey other) { return social.unblock(other); }
  }

  abstract static class Change extends ClientCommand {
    @Parameters(paramLabel = "USER", description = "public id, alias or known username")
    String user;

    private final String verb;

    Change(Cli cli, String verb) {
      super(cli);
      this.verb = verb;
    }

    abstract SocialClient.Published apply(SocialClient social, SystemKey other);

    @Override protected int execute(Output out) {
      WyaClient client = cli.open();
      try (var lock = client.home().lockState(verb)) {
        SystemKey other = client.social().contacts().resolve(user);
        String id = Contacts.publicId(other);
        return published(out, apply(client.social(), other), verb + " " + id, map("user", id));
      }
    }
  }
}
