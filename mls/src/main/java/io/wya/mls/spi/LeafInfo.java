package io.wya.mls.spi;

/// A non-blank leaf of a group's tree: its index and the identity of its BasicCredential.
public record LeafInfo(int leafIndex, byte[] identity) {}
