/// Delivery of accepted entries to every event loop of this instance and, over Redis pub/sub, of
/// every other instance (GATEWAY_SPEC §12; ADR 0205). At most once: the store stays the truth.
package io.wya.gateway.fanout;
