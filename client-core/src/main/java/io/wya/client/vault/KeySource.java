package io.wya.client.vault;

/// How a new vault protects its master key (decisions/0501).
public sealed interface KeySource {
  /// The master key is derived from a passphrase with Argon2id; nothing secret is written.
  record Passphrase(char[] chars) implements KeySource {
    public Passphrase {
      if (chars.length == 0) throw new IllegalArgumentException("an empty passphrase protects nothing");
    }
  }

  /// A random master key is written to `vault.key` (mode 0600), like an SSH key without a
  /// passphrase: protected by the file system only.
  record GeneratedKeyFile() implements KeySource {}
}
