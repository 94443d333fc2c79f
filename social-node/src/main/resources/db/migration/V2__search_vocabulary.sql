-- Fuzzy message search through a vocabulary of distinct words (ADR 0108, amending ADR 0102).
-- A trigram index over every post body cost the ingest ~40-75 us of PostgreSQL CPU per event;
-- message fuzzy matching now looks up similar words in search_words, which a background job
-- (SearchVocabulary) fills from the backlog the ingest statement writes.

-- Profiles keep trigram matching on their (short, few) bodies; the predicate is the profile query's own.
drop index search_documents_trgm;
create index search_documents_profile_trgm on search_documents using gin (body gin_trgm_ops)
  where kind in ('username', 'description');

-- Every distinct word of the posts, up to social.search.max-fuzzy-word-length characters. Only
-- used to expand a query's words into similar ones, never returned: a deleted post's words may stay.
create table search_words (
  word text primary key
);
create index search_words_trgm on search_words using gin (word gin_trgm_ops);

-- The message documents whose words are not in search_words yet: one row per new post, written by
-- the ingest statement and deleted by the vocabulary pass that took it. Heap only (no index, no
-- key) so the ingest pays one tuple; a table instead of an id cursor because ids commit out of order.
create table search_vocabulary_backlog (
  event_id bigint not null
);
insert into search_vocabulary_backlog (event_id) select event_id from search_documents where kind = 'message';

-- OR / AND of tsqueries, to build one query from a word's alternatives and the query's words.
create aggregate tsquery_or_all (tsquery) (sfunc = tsquery_or, stype = tsquery);
create aggregate tsquery_and_all (tsquery) (sfunc = tsquery_and, stype = tsquery);
