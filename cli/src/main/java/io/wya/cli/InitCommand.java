package io.wya.cli;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.WyaClient;
import io.wya.client.home.WyaHome;
import io.wya.client.social.SocialClient;
import io.wya.client.vault.KdfParams;
import io.wya.client.vault.KeySource;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Create a new identity on this device: a Polycentric system key, a process and a gateway device id.",
        "The private keys are encrypted at rest under a passphrase ($WYA_PASSPHRASE, or asked twice on the terminal),",
        "or with --key-file under a random key written to <home>/vault.key (mode 0600)."})
public final class InitCommand extends ClientCommand {
  @Option(names = "--name", paramLabel = "NAME", description = "publish this profile name right away")
  String name;

  @Option(names = "--key-file", description = "protect the vault with a generated key file instead of a passphrase")
  boolean keyFile;

  @Option(names = "--offline", description = "do not contact the social node now (the first sync sends the profile)")
  boolean offline;

  public InitCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaHome home = cli.home();
    KeySource source = keyFile ? new KeySource.GeneratedKeyFile() : new KeySource.Passphrase(newPassphrase(home));
    WyaClient client = WyaClient.init(home, source, KdfParams.DEFAULT, cli.endpoints(home), cli.clock(), cli.random());
    SocialClient.Published announced;
    try (var lock = home.lockState("init")) {
      announced = offline ? client.social().announceLocally(Optional.ofNullable(name)) : client.social().announce(Optional.ofNullable(name));
    }
    String id = client.identity().publicId();
    out.result("created identity " + id + "\n  home     " + home.dir() + "\n  device   " + client.identity().device().hex()
            + "\n  vault    " + (keyFile ? "key file " + home.dir().resolve("vault.key") : "passphrase")
            + (name == null ? "" : "\n  name     " + name),
        map("id", id, "device", client.identity().device().hex(), "home", home.dir().toString(),
            "vault", keyFile ? "keyfile" : "passphrase", "name", name, "delivered", announced.delivered()));
    if (!announced.delivered() && !offline) {
      out.note("wya: the social node is unreachable (" + announced.problem().orElse("") + "); your profile is sent by the next sync");
    }
    if (!offline) registerForChat(client, out);
    return ExitCode.OK.code();
  }

  /// Connects once so the gateway registers the device and holds its KeyPackages: others can
  /// invite it or DM it right away.
  private void registerForChat(WyaClient client, Output out) {
    try (io.wya.client.chat.ChatSession session = io.wya.client.chat.ChatSession.open(client, java.util.List.of(), e -> { }, cli.chatOptions())) {
      session.catchUp();
    } catch (ClientException e) {
      out.note("wya: not registered for chat yet (" + e.getMessage() + "); any chat command does it later");
    }
  }

  private char[] newPassphrase(WyaHome home) {
    String fromEnv = cli.env().get(Cli.PASSPHRASE_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) return fromEnv.toCharArray();
    if (cli.console() != null) {
      char[] first = cli.console().readPassword("New passphrase for %s: ", home.dir());
      char[] second = cli.console().readPassword("Repeat the passphrase: ");
      if (first == null || first.length == 0) throw new ClientException(ClientError.PASSPHRASE_REQUIRED, "an empty passphrase protects nothing");
      if (!Arrays.equals(first, second)) throw new ClientException(ClientError.INVALID_ARGUMENT, "the passphrases differ");
      Arrays.fill(second, '\0');
      return first;
    }
    throw new ClientException(ClientError.PASSPHRASE_REQUIRED,
        "no passphrase: set " + Cli.PASSPHRASE_ENV + ", run on a terminal, or use --key-file");
  }
}
