package io.wya.cli;

import picocli.CommandLine.IVersionProvider;

/// `wya --version`.
public final class Version implements IVersionProvider {
  public static final String VERSION = "0.1.0";

  @Override public String[] getVersion() { return new String[] {"wya " + VERSION}; }
}
