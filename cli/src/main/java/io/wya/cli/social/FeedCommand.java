package io.wya.cli.social;

import io.wya.cli.Cli;
import io.wya.cli.ClientCommand;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.WyaClient;
import io.wya.client.social.Contacts;
import io.wya.client.social.FeedItem;
import io.wya.client.social.SocialClient;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "feed", mixinStandardHelpOptions = true,
    description = {"The following feed: posts of the users you follow, newest first, with likes and replies.",
        "Syncs first (pulls what the node has that this device lacks; the first sync of a large feed shows progress)."})
public final class FeedCommand extends ClientCommand {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20", description = "how many posts (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--offline", description = "show what this device holds; do not contact the node")
  boolean offline;

  @Option(names = "--no-counts", negatable = false, description = "do not ask the node for like and reply counts")
  boolean noCounts;

  public FeedCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    if (limit < 1 || limit > 1000) throw new ClientException(ClientError.INVALID_ARGUMENT, "--limit must be 1-1000");
    WyaClient client = cli.open();
    try (var lock = client.home().lockState("feed")) {
      SocialClient social = client.social();
      boolean stale = false;
      if (!offline) {
        try {
          social.sync(cli.progress());
        } catch (ClientException e) {
          if (e.error() != ClientError.UNREACHABLE) throw e;
          out.note("wya: " + e.getMessage() + "; showing what this device holds");
          stale = true;
        }
      }
      List<FeedItem> items = social.feed(limit, !offline && !stale && !noCounts);
      StringBuilder text = new StringBuilder();
      List<Map<String, Object>> json = new ArrayList<>();
      for (FeedItem item : items) {
        String author = item.authorName().orElse(Contacts.publicId(item.author()).substring(0, 10) + "…");
        String when = TIME.format(Instant.ofEpochMilli(item.post().unixMilliseconds()).atZone(ZoneId.systemDefault()));
        text.append(item.post().id()).append("  ").append(author).append("  ").append(when);
        item.counts().ifPresent(c -> text.append("  ♥ ").append(c.likes()).append("  ↩ ").append(c.replies()));
        if (item.likedByMe()) text.append("  (liked)");
        text.append('\n');
        item.post().replyTo().ifPresent(r -> text.append("    ↳ in reply to ").append(r.key().logicalClock()).append('\n'));
        for (String line : item.post().text().split("\n")) text.append("    ").append(line).append('\n');
        Map<String, Object> o = map("id", item.post().id(), "author", Contacts.publicId(item.author()),
            "author_name", item.authorName().orElse(null), "time_ms", item.post().unixMilliseconds(), "text", item.post().text(),
            "liked_by_me", item.likedByMe());
        item.counts().ifPresent(c -> {
          o.put("likes", c.likes());
          o.put("dislikes", c.dislikes());
          o.put("replies", c.replies());
        });
        json.add(o);
      }
      if (items.isEmpty()) text.append(social.followees().isEmpty() ? "(you follow nobody yet: wya follow <id>)" : "(no posts yet)");
      out.result(text.toString().stripTrailing(), map("posts", json, "stale", stale));
      return stale ? ExitCode.UNREACHABLE.code() : ExitCode.OK.code();
    }
  }
}
