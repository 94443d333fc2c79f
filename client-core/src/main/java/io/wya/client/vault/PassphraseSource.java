package io.wya.client.vault;

/// Supplies the passphrase of a passphrase-protected vault when it is opened (the CLI reads
/// `WYA_PASSPHRASE` or prompts on the terminal).
@FunctionalInterface
public interface PassphraseSource {
  /// @throws io.wya.client.ClientException `PASSPHRASE_REQUIRED` when none can be had
  char[] passphrase();
}
