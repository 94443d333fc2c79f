-- ADR 0121: ANALYZE samples 300 rows per unit of the largest statistics target of a table's
-- columns, so at the default (100) it reads 30,000 rows, nearly one page each, every time
-- autovacuum re-analyzes `events` after 10% growth: 0.3–0.4 s of a backend per run on a table of
-- half a million events. Every query on `events` is keyed by an index (system, content type,
-- time, transaction), and 20 keeps 6,000 sampled rows, enough for them. A column added later
-- needs the same target, or the sample grows back (EventStatisticsIT).
alter table events
  alter column id set statistics 20,
  alter column system set statistics 20,
  alter column process set statistics 20,
  alter column logical_clock set statistics 20,
  alter column content_type set statistics 20,
  alter column unix_ms set statistics 20,
  alter column signed_event set statistics 20,
  alter column received_at set statistics 20,
  alter column tx set statistics 20,
  alter column post_document set statistics 20;
