package io.wya.cli;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.home.HomeLock;
import io.wya.client.home.WyaHome;
import io.wya.client.vault.KdfParams;
import io.wya.client.vault.Vault;
import java.util.Arrays;
import picocli.CommandLine.Command;

@Command(name = "passphrase", mixinStandardHelpOptions = true,
    description = {"Change the passphrase that protects this home. Only the vault header is rewritten (in one step): the",
        "keys, the MLS state and the history stay as they are, sealed under the same master key (decisions/0507).",
        "The current passphrase: $" + Cli.PASSPHRASE_ENV + " or asked; the new one: $" + PassphraseCommand.NEW_ENV + " or asked twice."})
public final class PassphraseCommand extends ClientCommand {
  static final String NEW_ENV = "WYA_NEW_PASSPHRASE";

  public PassphraseCommand(Cli cli) { super(cli); }

  @Override protected int execute(Output out) {
    WyaHome home = cli.home();
    if (!Vault.exists(home.dir())) throw new ClientException(ClientError.NOT_INITIALIZED, "no identity in " + home.dir() + " (run `wya init`)");
    try (HomeLock lock = home.lockState("passphrase")) {
      char[] next = newPassphrase(home);
      try {
        Vault.changePassphrase(home.dir(), cli.passphrases(home), next, KdfParams.DEFAULT, cli.random());
      } finally {
        Arrays.fill(next, '\0');
      }
    }
    out.result("passphrase changed for " + home.dir(), map("changed", true));
    return ExitCode.OK.code();
  }

  private char[] newPassphrase(WyaHome home) {
    String fromEnv = cli.env().get(NEW_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) return fromEnv.toCharArray();
    if (cli.console() != null) {
      char[] first = cli.console().readPassword("New passphrase for %s: ", home.dir());
      char[] second = cli.console().readPassword("Repeat the new passphrase: ");
      if (first == null || first.length == 0) throw new ClientException(ClientError.PASSPHRASE_REQUIRED, "an empty passphrase protects nothing");
      boolean same = Arrays.equals(first, second);
      if (second != null) Arrays.fill(second, '\0');
      if (!same) throw new ClientException(ClientError.INVALID_ARGUMENT, "the passphrases differ");
      return first;
    }
    throw new ClientException(ClientError.PASSPHRASE_REQUIRED, "no new passphrase: set " + NEW_ENV + " or run on a terminal");
  }
}
