package io.wya.social.search;

import com.google.protobuf.ByteString;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.wya.social.config.SocialConfig;
import io.wya.social.database.EventRows;
import io.wya.social.database.Visible;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/// `/search`: PostgreSQL full text; fuzzy through the word vocabulary (ADRs 0102 and 0108).
@ApplicationScoped
class SearchQueries {
  /// A post matches when its document holds every word of the query, or for a word one of the
  /// `$4` vocabulary words most similar to it (pg_trgm `%`, at its default similarity threshold
  /// 0.3; ADR 0108). Each word becomes a tsquery through `phraseto_tsquery` (a compound such as
  /// `foo-bar` the phrase of its parts, as documents hold it), so no text is ever read as tsquery
  /// syntax; the one tsquery is matched through the post documents' index on `events` (ADR 0117;
  /// the scalar subquery makes it a plan parameter the index scan can use).
  private static final String SEARCH_MESSAGES = """
      with query as materialized (
        select tsquery_and_all(per_word.alternatives) as q
          from unnest(tsvector_to_array(to_tsvector('simple', $1))) as query_word (word)
         cross join lateral (
          select tsquery_or_all(phraseto_tsquery('simple', alternative.word)) as alternatives from (
            select query_word.word
            union
            (select sw.word from search_words sw where sw.word %% query_word.word
              order by similarity(sw.word, query_word.word) desc, sw.word limit $4)) alternative) per_word)
      select e.signed_event from query cross join events e
       where e.post_document @@ (select q from query) and %s
       order by ts_rank(e.post_document, query.q) desc, e.id desc
       offset $2 limit $3""".formatted(Visible.EVENT);
  /// Profile search matches only each system's current username and description; the `kind`
  /// conditions let the trigram match and the current-row lookup use the partial profile indexes.
  private static final String SEARCH_PROFILES = """
      select e.signed_event from search_documents sd join events e on e.id = sd.event_id
       where sd.kind in ('username', 'description')
         and (sd.document @@ plainto_tsquery('simple', $1) or $1 <%% sd.body)
         and sd.event_id = (select c.event_id from search_documents c
                             where c.system = sd.system and c.kind = sd.kind and c.kind in ('username', 'description')
                             order by c.unix_ms desc nulls last, c.event_id desc limit 1)
         and %s
       order by ts_rank(sd.document, plainto_tsquery('simple', $1)) + word_similarity($1, sd.body) desc, e.id desc
       offset $2 limit $3""".formatted(Visible.EVENT);
  private final Pool pool;
  private final int maxSimilarWords;

  @Inject
  public SearchQueries(Pool pool, SocialConfig config) {
    this.pool = pool;
    this.maxSimilarWords = config.search().maxSimilarWords();
  }

  public Uni<List<ByteString>> searchMessages(String text, long offset, int limit) {
    return pool.preparedQuery(SEARCH_MESSAGES).execute(Tuple.of(text, offset, limit, maxSimilarWords)).map(EventRows::signedEvents);
  }

  public Uni<List<ByteString>> searchProfiles(String text, long offset, int limit) {
    return pool.preparedQuery(SEARCH_PROFILES).execute(Tuple.of(text, offset, limit)).map(EventRows::signedEvents);
  }
}
