package io.wya.cli;

import io.wya.client.WyaClient;
import picocli.CommandLine.Command;

@Command(name = "whoami", mixinStandardHelpOptions = true,
    description = "Show this device's public id (give it to others to follow or message you), device id and servers.")
public final class WhoamiCommand extends ClientCommand {
  public WhoamiCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaClient client = cli.open();
    String id = client.identity().publicId();
    String name = client.social().me().username().orElse("");
    out.result(id + (name.isEmpty() ? "" : "  (" + name + ")") + "\n  device   " + client.identity().device().hex()
            + "\n  home     " + client.home().dir() + "\n  social   " + client.endpoints().social() + "\n  gateway  " + client.endpoints().gateway(),
        map("id", id, "name", name, "device", client.identity().device().hex(), "home", client.home().dir().toString(),
            "social_url", client.endpoints().social().toString(), "gateway_url", client.endpoints().gateway().toString()));
    return ExitCode.OK.code();
  }
}
