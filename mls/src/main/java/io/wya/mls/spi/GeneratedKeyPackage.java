package io.wya.mls.spi;

import java.time.Instant;

/// A new KeyPackage.
///
/// @param message      the `MLSMessage` (wire format `mls_key_package`) to upload
/// @param ref          its KeyPackageRef (RFC 9420 §5.2)
/// @param notAfter     end of its lifetime
/// @param lastResort   whether it carries the `last_resort` extension
/// @param privateState the engine's private half (init and leaf HPKE keys): secret
public record GeneratedKeyPackage(byte[] message, byte[] ref, Instant notAfter, boolean lastResort, byte[] privateState) {}
