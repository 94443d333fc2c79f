/// Presence for contacts only (GATEWAY_SPEC §16): device leases with a TTL, per-session
/// watchlists, diff pushes across instances.
///
/// # Owner
/// The gateway; everything is soft state in Redis and in the memory of the instance serving a
/// session. Nothing is durable, nothing goes to Polycentric (PRS-10).
///
/// # Invariants
/// * PRS-1 only contacts ([io.wya.gateway.contacts.ContactsProjection]) are watched; a refusal is
///   the same whoever the target is.
/// * PRS-4 a session is sent each change of a watched user once, in version order, after the
///   snapshot it got when it added the user.
/// * PRS-5 a lease expires TTL after the last frame of its session; any live lease shows its user
///   (INVISIBLE hides it, PRS-6); the view is recomputed atomically with every lease change.
/// * PRS-7 last-seen leaves the gateway only as a [io.wya.gateway.protocol.LastSeen] bucket.
/// * PRS-8 a pair that stops being contacts loses its watches, also while a watch is being checked.
///
/// # Schema (Redis, under the deployment namespace, see `recompute.lua`)
/// `presence:l:{user}` hash device → `status|expires|set_at|activity` (expires 2·TTL+1 min) ·
/// `presence:x` zset `user:device` by expiry · `presence:v:{user}` `version|status|activity`
/// (7 days) · `presence:s:{user}` last-seen ms (7 days) · `presence:r:{key}:{window}` counters ·
/// channel `presence:c:{user}` → `version|status|last_seen|activity`.
package io.wya.gateway.presence;
