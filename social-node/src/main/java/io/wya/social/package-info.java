/// The Polycentric-compatible social node (Quarkus, reactive). Wire behaviour follows the official
/// v1 server (shared/docs/polycentric-v1-protocol.md) except where ADR 0103 says otherwise.
///
/// Packages by feature, each with its routes and its SQL: `ingest` (`POST /events`: parse, verify,
/// content rules, batch plan, rate limits, the batch write), `sync`, `references`, `discovery`,
/// `search`, `claims`, `identity`, `censorship`, `health`; shared by all: `http` (parameters,
/// ETag/Cache-Control, errors, CORS), `database` (pool, visibility), `cache` (Redis + in-process
/// read cache), `outbox` (Kafka relay), `config`.
package io.wya.social;
