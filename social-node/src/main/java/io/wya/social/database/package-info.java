/// What every feature's SQL shares: the reactive PostgreSQL pool (`StatementCachingPool`), byte
/// conversions and the visibility condition of every read. The schema is
/// `db/migration/V1__events.sql` and the migrations after it (Flyway).
///
/// # Schema
/// * `events(id, system, process, logical_clock UNIQUE per system+process, content_type, unix_ms,
///   signed_event, post_document)` — the SignedEvent bytes as stored and served; a post's
///   full-text document (ADR 0117).
/// * `deletions(system, process, logical_clock PK, delete_event_id → events)` — held clocks.
/// * `event_references(event_id → events, subject, from_type, unix_ms)`; `lww_latest(system,
///   content_type, subject PK, value, unix_ms, process, event_id → events)` — opinion counts.
/// * `claims`, `search_documents` (usernames and descriptions, ADR 0102), `identity_handles`, `censored_systems`,
///   `censored_events`, `event_relay_cursor` (ADR 0110).
///
/// # Invariants
/// * Every read filters censored systems and events (`Visible`).
/// * Rows derived from an event go with it (delete, purge; ADR 0111).
package io.wya.social.database;
