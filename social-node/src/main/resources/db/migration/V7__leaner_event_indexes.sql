-- ADR 0116: every query that named (system, content_type) is served as well by events_by_time,
-- which starts with the same two columns (/query_latest's DISTINCT ON sorts the matching rows
-- either way); the index cost each ingested event a B-tree insert and its WAL.
drop index events_by_type;
-- /explore is the only reader of events_explore and lists posts only: likes, follows, profile
-- and other events no longer pay an entry in it.
drop index events_explore;
create index events_explore on events (unix_ms desc nulls last, id desc) where content_type = 3;
