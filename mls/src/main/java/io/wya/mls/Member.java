package io.wya.mls;

/// One leaf of a group: a device and where it sits in the ratchet tree.
public record Member(int leafIndex, DeviceIdentity device) {}
