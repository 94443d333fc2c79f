-- Only profile search looks search documents up by system (each system's current username and
-- description); posts no longer pay a B-tree entry for it on every ingest.
drop index search_documents_by_system;
create index search_documents_by_system on search_documents (system, kind) where kind in ('username', 'description');
