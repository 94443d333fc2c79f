package io.wya.cli.social;

import io.wya.cli.Cli;
import io.wya.cli.ClientCommand;
import io.wya.cli.ExitCode;
import io.wya.cli.Output;
import io.wya.client.WyaClient;
import io.wya.client.social.SocialClient;
import picocli.CommandLine.Command;

@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Send the node what it lacks of your events (e.g. published while offline) and fetch your followees' new events.")
public final class SyncCommand extends ClientCommand {
  public SyncCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaClient client = cli.open();
    try (var lock = client.home().lockState("sync")) {
      SocialClient.SyncReport r = client.social().sync(cli.progress());
      out.result("sent " + r.pushed() + ", received " + r.pulled() + " (" + r.systems() + " systems)",
          map("pushed", r.pushed(), "pulled", r.pulled(), "systems", r.systems()));
      return ExitCode.OK.code();
    }
  }
}
