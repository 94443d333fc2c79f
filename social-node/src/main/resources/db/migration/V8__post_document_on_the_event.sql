-- ADR 0117: a post's full-text document is a column of its event, not a row of search_documents.
-- Message search only ever reads the document, and the row cost every post a second heap tuple,
-- a primary-key entry and their WAL; the document now goes with its event when that is removed.
alter table events add column post_document tsvector;

update events e set post_document = d.document
  from search_documents d
 where d.event_id = e.id and d.kind = 'message';
delete from search_documents where kind = 'message';

alter table search_documents drop constraint search_documents_kind_check;
alter table search_documents add constraint search_documents_kind_check check (kind in ('username', 'description'));

create index events_post_document on events using gin (post_document) where post_document is not null;
