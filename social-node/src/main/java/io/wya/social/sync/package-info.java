/// The reads a client syncs a system from: its held ranges, events in ranges and heads (`/ranges`,
/// `/events`, `/head`), and its latest events per type and feed pages with their proofs
/// (`/query_latest`, `/query_index`); cached per system and purged by its surrogate key.
package io.wya.social.sync;
