/// The transactional outbox to the Kafka topic of accepted events; the record contract is ADR 0101.
package io.wya.social.outbox;
