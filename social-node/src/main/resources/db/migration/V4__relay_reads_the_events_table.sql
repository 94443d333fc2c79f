-- ADR 0110: the Kafka relay reads accepted events from `events` itself, in the order of the
-- transactions that wrote them, instead of a copy of every event in an outbox table.
-- tx: the writing transaction (64-bit, never wraps). A row is published once every transaction
-- older than its own has ended, so one that commits late is never skipped.
alter table events add column tx xid8 not null default pg_current_xact_id();
create index events_by_tx on events (tx, id);

-- Where the relay is: every event after (tx, id) is still to be published.
create table event_relay_cursor (
  only_row boolean primary key default true check (only_row),
  tx       xid8   not null,
  id       bigint not null
);
-- Every stored event now carries this migration's transaction. Those the outbox still held are
-- published again from here (the cursor starts just before the oldest of them; at least once,
-- consumers dedupe on system, process, clock); with an empty outbox nothing is published twice.
insert into event_relay_cursor (tx, id)
select pg_current_xact_id(), coalesce(
  (select min(e.id) - 1 from outbox o join events e
      on e.system = substring(o.record_key from 5) and e.signed_event = o.record_value),
  (select max(id) from events),
  0);
drop table outbox;
