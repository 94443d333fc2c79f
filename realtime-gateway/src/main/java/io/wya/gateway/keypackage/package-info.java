/// The KeyPackage directory (GATEWAY_SPEC §6; ADR 0207). Owns `key_packages` and
/// `key_package_refs`.
///
/// # Invariants
/// * KP-1/2 nothing is stored that `mls-wire` did not parse and validate for the uploading device.
/// * KP-7 a one-time package is returned by at most one claim (deleted in the same statement).
/// * KP-8 a last-resort package is never deleted by a claim.
package io.wya.gateway.keypackage;
