package io.wya.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/// Options every command accepts (before or after the command name).
public final class GlobalOptions {
  @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "where this device keeps its identity and state (default: $WYA_CLIENT_HOME or ~/.wya)")
  Path home;

  @Option(names = "--social-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "social node (default: $WYA_SOCIAL_URL, the URL given to init, or http://127.0.0.1:8081)")
  String socialUrl;

  @Option(names = "--gateway-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "realtime gateway (default: $WYA_GATEWAY_URL, the URL given to init, or http://127.0.0.1:8082)")
  String gatewayUrl;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "machine-readable output: one JSON object per result on stdout")
  boolean json;

  public Optional<String> socialUrl() { return Optional.ofNullable(socialUrl); }

  public Optional<String> gatewayUrl() { return Optional.ofNullable(gatewayUrl); }
}
