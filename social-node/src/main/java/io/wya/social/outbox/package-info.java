/// The relay to the Kafka topic of accepted events: it reads `events` itself in transaction order
/// (ADR 0110); the record contract is ADR 0101. (The package keeps the outbox pattern's name: the
/// events table is the outbox.)
package io.wya.social.outbox;
