package io.wya.mls;

import java.time.Instant;

/// A KeyPackage to upload (`UploadKeyPackages` item: `key_package` = [#keyPackage()],
/// `last_resort` = [#lastResort()]). Its private half stays in this client's encrypted state.
///
/// @param keyPackage the `MLSMessage` bytes
/// @param ref        its KeyPackageRef (the gateway computes the same, KP-5)
/// @param lastResort a last-resort package (reusable; carries extension 10 as well)
public record KeyPackageOffer(byte[] keyPackage, byte[] ref, Instant notAfter, boolean lastResort) {}
