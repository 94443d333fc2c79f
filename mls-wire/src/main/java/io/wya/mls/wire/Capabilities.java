package io.wya.mls.wire;

import java.util.List;

/// A leaf's `Capabilities` (RFC 9420 §7.2); each list holds u16 values as sent (GREASE included).
public record Capabilities(List<Integer> versions, List<Integer> cipherSuites, List<Integer> extensions,
                           List<Integer> proposals, List<Integer> credentials) {
  public Capabilities {
    versions = List.copyOf(versions);
    cipherSuites = List.copyOf(cipherSuites);
    extensions = List.copyOf(extensions);
    proposals = List.copyOf(proposals);
    credentials = List.copyOf(credentials);
  }
}
