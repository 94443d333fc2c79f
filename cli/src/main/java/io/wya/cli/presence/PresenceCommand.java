package io.wya.cli.presence;

import io.wya.cli.Cli;
import io.wya.cli.ClientCommand;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.WyaClient;
import io.wya.client.chat.ChatSession;
import io.wya.client.presence.PresenceClient;
import io.wya.client.presence.PresencePreference;
import io.wya.client.presence.PresenceView;
import io.wya.client.social.Contacts;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.polycentric.SystemKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "presence", mixinStandardHelpOptions = true,
    description = {"Presence for your contacts (users you follow who follow you back, neither blocking the other).",
        "It lasts as long as a session of this device: wya listen, wya tui, wya presence watch, or presence set --hold."},
    subcommands = {PresenceCommand.Set.class, PresenceCommand.Watch.class})
public final class PresenceCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = {"Save the status your sessions announce: online, away, busy, invisible (shown offline) or offline.",
          "  wya presence set away lunch      wya presence set busy --hold"})
  public static final class Set extends ClientCommand {
    @Parameters(index = "0", paramLabel = "STATUS") String status;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ACTIVITY", description = "a short text shown with it") List<String> words;
    @Option(names = "--hold", description = "keep a session open that holds the status, until Ctrl-C or --timeout") boolean hold;
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "with --hold: end after this many seconds") Long timeout;

    public Set(Cli cli) { super(cli); }

    @Override protected int execute(Output out) throws InterruptedException {
      PresenceStatus parsed = parse(status);
      String activity = words == null ? "" : String.join(" ", words);
      WyaClient client = cli.open();
      try (var lock = client.home().lockState("presence")) {
        new PresencePreference(client.store()).save(parsed, activity);
      }
      if (!hold) {
        out.result("saved: your sessions show you as " + parsed.name().toLowerCase(Locale.ROOT) + (activity.isEmpty() ? "" : " (" + activity + ")"),
            map("status", parsed.name(), "activity", activity, "held", false));
        return ExitCode.OK.code();
      }
      try (ChatSession session = ChatSession.open(client, List.of(), e -> { }, cli.chatOptions())) {
        session.catchUp();
        PresenceClient presence = new PresenceClient(session.connection(), parsed, activity);
        session.addListener(presence);
        ServerFrame.PresenceLease lease = presence.announce(parsed, activity);
        out.result("holding " + lease.status().name().toLowerCase(Locale.ROOT) + " (lease " + lease.ttlMs() / 1000 + " s, renewed while connected)",
            map("status", lease.status().name(), "activity", lease.activity(), "ttl_ms", lease.ttlMs(), "held", true));
        CountDownLatch forever = new CountDownLatch(1);
        if (timeout == null) forever.await();
        else forever.await(timeout, TimeUnit.SECONDS);
        return ExitCode.OK.code();
      }
    }
  }

  @Command(name = "watch", mixinStandardHelpOptions = true,
      description = "Print the presence of contacts now and each change, until Ctrl-C (announcing your saved status meanwhile).")
  public static final class Watch extends ClientCommand {
    @Parameters(arity = "0..*", paramLabel = "USER", description = "contacts to watch (default: everyone you follow)") List<String> users;
    @Option(names = "--count", paramLabel = "N", description = "exit after N changes") Integer count;
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "exit after this many seconds") Long timeout;
    @Option(names = "--wait-contact", paramLabel = "SECONDS", defaultValue = "0",
        description = "retry this long while a user is not a contact yet (a new follow reaches the gateway within seconds)")
    long waitContact;

    public Watch(Cli cli) { super(cli); }

    @Override protected int execute(Output out) throws InterruptedException {
      WyaClient client = cli.open();
      List<SystemKey> targets = new ArrayList<>();
      if (users == null || users.isEmpty()) targets.addAll(client.social().followees());
      else for (String u : users) targets.add(client.social().contacts().resolve(u));
      if (targets.isEmpty()) throw new ClientException(ClientError.INVALID_ARGUMENT, "nobody to watch: follow someone (who follows you back) first");
      PresencePreference.Saved mine = new PresencePreference(client.store()).load();
      CountDownLatch remaining = new CountDownLatch(count == null ? Integer.MAX_VALUE : count);
      try (ChatSession session = ChatSession.open(client, List.of(), e -> { }, cli.chatOptions())) {
        PresenceClient presence = new PresenceClient(session.connection(), mine.status(), mine.activity());
        session.addListener(presence);
        presence.addListener(view -> {
          print(out, client, view, "changed");
          remaining.countDown();
        });
        session.catchUp();
        presence.announce(mine.status(), mine.activity());
        List<PresenceView> now = watchWithRetry(presence, targets);
        for (PresenceView v : now) print(out, client, v, "now");
        if (timeout == null) remaining.await();
        else remaining.await(timeout, TimeUnit.SECONDS);
        return ExitCode.OK.code();
      }
    }

    private List<PresenceView> watchWithRetry(PresenceClient presence, List<SystemKey> targets) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitContact);
      while (true) {
        try {
          return presence.watch(targets);
        } catch (ClientException e) {
          if (e.error() != ClientError.NOT_FOUND || System.nanoTime() > deadline) throw e;
          Thread.sleep(1000);
        }
      }
    }

    private static void print(Output out, WyaClient client, PresenceView v, String kind) {
      String id = Contacts.publicId(v.user());
      String name = client.social().contacts().of(v.user()).map(Contacts.Contact::alias).filter(a -> !a.isEmpty())
          .orElse(id.substring(0, 10) + "…");
      Map<String, Object> o = map("user", id, "name", name, "status", v.status().name(), "activity", v.activity(),
          "last_seen", v.lastSeen().map(Enum::name).orElse(null), "watching", v.watching(), "kind", kind);
      out.result(name + ": " + v.describe(), o);
    }
  }

  static PresenceStatus parse(String text) {
    try {
      return PresenceStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ClientException(ClientError.INVALID_ARGUMENT, "status must be online, away, busy, invisible or offline");
    }
  }
}
