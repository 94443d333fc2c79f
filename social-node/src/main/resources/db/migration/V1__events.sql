-- social-node schema v1. Released migrations are never edited; add V2__… instead.
-- Keys are stored as raw bytes: system = 32-byte Ed25519 key, process = 16 bytes.

create table events (
  id            bigint generated always as identity primary key,
  system        bytea  not null,
  process       bytea  not null,
  logical_clock bigint not null,
  content_type  bigint not null,
  unix_ms       bigint,
  -- The SignedEvent {signature, event} with the event bytes exactly as signed.
  signed_event  bytea  not null,
  received_at   timestamptz not null default now(),
  constraint events_key unique (system, process, logical_clock)
);
create index events_by_type on events (system, content_type, logical_clock desc);
create index events_by_time on events (system, content_type, unix_ms desc, process desc, logical_clock desc);
create index events_explore on events (content_type, unix_ms desc nulls last, id desc);

-- A deleted event's coordinates stay "held" (ranges) and its later arrival is refused.
create table deletions (
  system          bytea  not null,
  process         bytea  not null,
  logical_clock   bigint not null,
  delete_event_id bigint not null references events (id) on delete cascade,
  unix_ms         bigint,
  content_type    bigint not null,
  primary key (system, process, logical_clock)
);
create index deletions_by_event on deletions (delete_event_id);
create index deletions_by_type on deletions (system, content_type, unix_ms desc);

-- One row per reference of an event. subject = the normalized subject key (see SubjectKey).
create table event_references (
  event_id  bigint not null references events (id) on delete cascade,
  subject   bytea  not null,
  from_type bigint not null,
  unix_ms   bigint
);
create index event_references_by_subject on event_references (subject, from_type, event_id desc);
create index event_references_by_event on event_references (event_id);

-- Per (system, content_type, subject = first reference): the latest LWW element (opinions).
-- Counts are computed from this table, so a changed vote moves from one value to the other.
create table lww_latest (
  system       bytea  not null,
  content_type bigint not null,
  subject      bytea  not null,
  value        bytea  not null,
  unix_ms      bigint not null,
  process      bytea  not null,
  event_id     bigint not null references events (id) on delete cascade,
  primary key (system, content_type, subject)
);
create index lww_latest_by_subject on lww_latest (subject, value, content_type);
create index lww_latest_by_event on lww_latest (event_id);

create table claims (
  event_id   bigint primary key references events (id) on delete cascade,
  system     bytea  not null,
  claim_type bigint not null,
  fields     jsonb  not null
);
create index claims_by_type on claims (claim_type, system);
create index claims_fields on claims using gin (fields jsonb_path_ops);

-- Full-text search over post text and profile names/descriptions (ADR 0102).
create extension if not exists pg_trgm;
create table search_documents (
  event_id     bigint primary key references events (id) on delete cascade,
  system       bytea  not null,
  kind         text   not null check (kind in ('message', 'username', 'description')),
  unix_ms      bigint,
  body         text   not null,
  document     tsvector generated always as (to_tsvector('simple', body)) stored
);
create index search_documents_fts on search_documents using gin (document);
create index search_documents_trgm on search_documents using gin (body gin_trgm_ops);
create index search_documents_by_system on search_documents (system, kind);

create table identity_handles (
  handle text  primary key,
  system bytea not null unique
);

create table censored_systems (
  system          bytea primary key,
  censorship_type text  not null
);
create table censored_events (
  system          bytea  not null,
  process         bytea  not null,
  logical_clock   bigint not null,
  censorship_type text   not null,
  primary key (system, process, logical_clock)
);

-- Transactional outbox to the Kafka topic of accepted events (ADR 0101).
create table outbox (
  id           bigint generated always as identity primary key,
  record_key   bytea  not null,
  record_value bytea  not null,
  content_type bigint not null
);
