/// Hardened decoding of untrusted MLS (RFC 9420) bytes, and the public checks a Delivery Service
/// can make without group state. Shared by the realtime gateway (every client-supplied MLS byte)
/// and the client MLS engine (`mls`), which must run peer bytes through here before
/// BouncyCastle's bcmls decoder sees them (mls-notes B4: bcmls 1.84 pre-allocates
/// attacker-declared lengths and accepts trailing bytes).
///
/// # Entry points
/// * [io.wya.mls.wire.MlsWire] — `parseMessage` (an `MLSMessage`) and bare-structure parsers,
///   including the ones only a client needs on decrypted bytes (`parseGroupSecrets`,
///   `parseGroupInfo`, `parseRatchetTree`, `parseSenderData`, `parsePrivateMessageContent`,
///   `parseExternalPub`).
/// * [io.wya.mls.wire.KeyPackageValidator] — suite, lifetime, init ≠ encryption key,
///   capabilities, leaf and KeyPackage signatures.
/// * [io.wya.mls.wire.MlsCrypto] — RefHash (KeyPackageRef, ProposalRef) and SignWithLabel
///   verification over bcprov's low-level Ed25519/Ed448/ECDSA.
///
/// # Invariants (GATEWAY_SPEC §14)
/// * PARSE-1 varints are minimal; the `11` prefix is rejected.
/// * PARSE-2 the input is capped before reading; every length fits its container; vectors are
///   consumed exactly; no trailing bytes; allocations never exceed the input's size.
/// * PARSE-3 values of the sealed record types exist only after a complete, strict parse.
/// * PARSE-4 every rejection is an [io.wya.mls.wire.MlsWireException] with a reason and an offset.
///
/// Records hold `byte[]` fields that are private copies of the input; callers must not mutate
/// them. `equals` on such records compares array identity, not content.
package io.wya.mls.wire;
