package io.wya.gateway.config;

/// A configuration variable is missing or invalid; the message names it (OPS-3).
public final class ConfigException extends RuntimeException {
  private final String variable;

  public ConfigException(String variable, String problem) {
    super(variable + ": " + problem);
    this.variable = variable;
  }

  /// The environment variable at fault.
  public String variable() { return variable; }
}
