/// Read caching: Redis hashes per scope and generation, shared by all nodes, with a short-lived
/// in-process layer in front (ADR 0104).
///
/// # Invariants
/// * A response computed before an ingest is never served from Redis after it; from the
///   in-process layer, at most `social.cache.local-ttl` on other nodes and never on this one.
package io.wya.social.cache;
