/// The gateway's projection of the social graph: who is a contact of whom (mutual FOLLOW, no
/// BLOCK either way), built only from the social node's event topic (ADR 0401).
///
/// # Owner
/// The social node owns the graph (signed events in its PostgreSQL); this package owns only a
/// derived, rebuildable copy. The two services never call each other.
///
/// # Invariants
/// * PRS-11 only events whose Ed25519 signature verifies are applied ([GraphRecordParser]).
/// * PRS-11 per `(owner, kind, target)` the greatest [EdgeStamp] wins: latest `unix_ms`, then the
///   restrictive operation, then `(process, logical_clock)` (ADR 0402); the merge is order-free.
/// * PRS-11 a partition's offset moves in the same atomic step as its edges; a record at or below
///   it is never applied again.
/// * A projection whose generation marker is gone answers "lost" and is replayed from offset 0.
///
/// # Schema (Redis, under `{ns}contacts:v1:{topic}:`)
/// `gen` → generation id · `{gen}:e:{owner_hex}` hash `f|b{target_hex}` → `0|1` + stamp ·
/// `{gen}:off` hash partition → next offset · channel `flips` → `a_hex|b_hex|0|1`.
package io.wya.gateway.contacts;
