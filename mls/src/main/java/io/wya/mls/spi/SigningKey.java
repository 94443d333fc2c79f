package io.wya.mls.spi;

/// A device's MLS signature key pair, in the engine's serialization (for the suites WYA uses:
/// raw Ed25519 keys). Secret: kept only in encrypted state.
public record SigningKey(byte[] privateKey, byte[] publicKey) {}
