/// The Polycentric v1 wire model shared by the social node and the `wya` client.
///
/// Untrusted bytes become trusted types here: [io.wya.polycentric.EventVerifier] is the only way to
/// obtain a [io.wya.polycentric.VerifiedEvent], which keeps the exact signed `Event` bytes (they are
/// stored and served byte for byte, never re-encoded). [io.wya.polycentric.EventAuthor] builds and
/// signs events for a client, keeping the logical clock and per-type indices the official client
/// keeps. Generated protobuf classes live in `io.wya.polycentric.proto`.
///
/// # Invariants
/// * A system key is an Ed25519 point of 32 bytes (`key_type` 1); a process id is 16 bytes.
/// * Signatures are pure Ed25519 over `SignedEvent.event`; a pointer digest is SHA-256 over the same
///   bytes (`digest_type` 1).
/// * Logical clocks and times are unsigned on the wire; values above 2^63-1 are rejected so that
///   they fit a signed 64-bit column everywhere.
package io.wya.polycentric;
