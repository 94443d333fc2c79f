/// The Polycentric-compatible social node (Quarkus, reactive). Wire behaviour follows the official
/// v1 server (shared/docs/polycentric-v1-protocol.md) except where ADR 0103 says otherwise.
///
/// Packages: `api` (one JAX-RS resource per route family, CORS, ETag/Cache-Control, errors),
/// `ingest` (parse, verify, content rules, batch plan, rate limits), `store` (PostgreSQL reads and
/// the batch write), `cache` (Redis + in-process read cache), `outbox` (Kafka relay), `health`,
/// `config`.
package io.wya.social;
