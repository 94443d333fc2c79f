-- ADR 0111: an event's search document, references and claim are removed by the two statements
-- that remove events (the ingest's DELETE of a target, /purge) instead of by foreign-key
-- cascades. These rows are only ever inserted, by the statement that inserts their own event, so
-- the check of each foreign key (a trigger and a lookup of that event per row) guarded nothing.
-- lww_latest (updated in place by later events) and deletions keep theirs.
alter table search_documents drop constraint search_documents_event_id_fkey;
alter table event_references drop constraint event_references_event_id_fkey;
alter table claims           drop constraint claims_event_id_fkey;
