package io.wya.polycentric;

/// `Index`: the latest earlier clock of `indexType` in the same process, a per-type linked list
/// that clients walk to detect gaps.
public record Index(long indexType, long logicalClock) {}
