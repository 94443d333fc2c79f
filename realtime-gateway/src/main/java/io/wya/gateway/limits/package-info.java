/// Abuse controls (GATEWAY_SPEC §9): token buckets, strikes, connection caps, penalties and claim
/// counters shared through Redis.
package io.wya.gateway.limits;
