/// `POST /events`: `BatchParser` (structure and signature through `EventVerifier`, then
/// `ContentRules`) rejects a whole batch with the first violated rule; `IngestPlan` applies
/// first-writer-wins and in-batch deletes; `RateLimiter` counts per address and per system;
/// `EventIngestor` runs the steps and, after the commit, invalidates caches and wakes the relay;
/// `PostgresIngestStore` writes a batch in one round trip (`IngestStatement`, ADRs 0107 and 0109).
///
/// # Invariants
/// * A rejected batch stores nothing (validation completes before the transaction begins).
/// * An event's key (system, process, clock) is written at most once; later writers are ignored.
/// * A DELETE removes only an event of its own system (a Delete names no system).
package io.wya.social.ingest;
