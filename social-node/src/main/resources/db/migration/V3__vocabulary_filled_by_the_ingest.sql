-- The ingest statement now adds the words of new posts to search_words itself (ADR 0108, revised):
-- the node extracts them and sends only those it does not know to be there. The backlog and its
-- background pass are gone; the words of what the backlog still held are added here, once, with
-- the filter the pass applied (letter words of at most 32 characters).
insert into search_words (word)
select s.word from ts_stat($$select document from search_documents d where d.kind = 'message'
                              and d.event_id in (select event_id from search_vocabulary_backlog)$$) as s
 where length(s.word) <= 32 and s.word !~ '[[:digit:]./@:_-]'
 order by s.word
on conflict do nothing;
drop table search_vocabulary_backlog;
