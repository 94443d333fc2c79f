package io.wya.social.discovery;

import com.google.protobuf.ByteString;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.wya.social.database.Bytes;
import io.wya.social.database.Visible;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/// `/explore`, `/top_string_references` and `/recommended_profiles`.
@ApplicationScoped
class DiscoveryQueries {
  /// `/explore` in three statements, one per kind of cursor, so that each page starts where its
  /// cursor points in `events_explore` (unix_ms desc nulls last, id desc) instead of filtering
  /// every newer post: posts with a time come first, then those without one, by id. Every
  /// `order by` names `nulls last` like the index, or PostgreSQL sorts instead of reading it in order.
  private static final String EXPLORE_FIRST = """
      select e.id, e.unix_ms, e.signed_event from events e
       where e.content_type = 3 and %s
       order by e.unix_ms desc nulls last, e.id desc limit $1""".formatted(Visible.EVENT);
  private static final String EXPLORE_AFTER_TIMED = """
      select * from (
        (select e.id, e.unix_ms, e.signed_event from events e
          where e.content_type = 3 and e.unix_ms is not null and (e.unix_ms, e.id) < ($1, $2) and %1$s
          order by e.unix_ms desc nulls last, e.id desc limit $3)
        union all
        (select e.id, e.unix_ms, e.signed_event from events e
          where e.content_type = 3 and e.unix_ms is null and %1$s
          order by e.unix_ms desc nulls last, e.id desc limit $3)) page
       order by page.unix_ms desc nulls last, page.id desc limit $3""".formatted(Visible.EVENT);
  private static final String EXPLORE_AFTER_UNTIMED = """
      select e.id, e.unix_ms, e.signed_event from events e
       where e.content_type = 3 and e.unix_ms is null and e.id < $1 and %s
       order by e.unix_ms desc nulls last, e.id desc limit $2""".formatted(Visible.EVENT);
  private static final String TOP_STRING_REFERENCES = """
      select substring(r.subject from 2) as subject, count(*) as n from event_references r join events e on e.id = r.event_id
       where r.from_type = 3 and get_byte(r.subject, 0) = 3 and r.unix_ms >= $1 and r.unix_ms <= $2
         and ($3::bytea is null or position($3 in substring(r.subject from 2)) > 0) and %s
       group by r.subject order by n desc, r.subject limit $4""".formatted(Visible.EVENT);
  /// The systems that posted or renamed most recently: deterministic, so a CDN can cache it.
  private static final String RECOMMENDED = """
      select system from (
        select e.system, max(e.id) as latest from (select * from events where content_type in (3, 5) order by id desc limit 2000) e
         where %s group by e.system) s
       order by latest desc limit 10""".formatted(Visible.EVENT);

  private final Pool pool;

  @Inject
  public DiscoveryQueries(Pool pool) { this.pool = pool; }

  /// Posts of every system, newest first, after the cursor row (unix_ms, id) or (null, id).
  public Uni<ExplorePage> explore(Long cursorUnixMs, Long cursorId, int limit) {
    var page = cursorId == null ? pool.preparedQuery(EXPLORE_FIRST).execute(Tuple.of(limit))
        : cursorUnixMs != null ? pool.preparedQuery(EXPLORE_AFTER_TIMED).execute(Tuple.of(cursorUnixMs, cursorId, limit))
        : pool.preparedQuery(EXPLORE_AFTER_UNTIMED).execute(Tuple.of(cursorId, limit));
    return page.map(rows -> {
      List<ByteString> events = new ArrayList<>();
      Long lastTime = null, lastId = null;
      for (Row row : rows) {
        events.add(Bytes.bytes(row.getBuffer("signed_event")));
        lastTime = row.getLong("unix_ms");
        lastId = row.getLong("id");
      }
      return new ExplorePage(events, lastTime, lastId);
    });
  }

  /// Bytes subjects of posts between the two times, most referenced first.
  public Uni<List<Bucket>> topStringReferences(long fromUnixMs, long toUnixMs, ByteString contains, int limit) {
    return pool.preparedQuery(TOP_STRING_REFERENCES)
        .execute(Tuple.of(fromUnixMs, toUnixMs, contains == null ? null : Bytes.buffer(contains), limit)).map(rows -> {
          List<Bucket> buckets = new ArrayList<>();
          for (Row row : rows) buckets.add(new Bucket(Bytes.bytes(row.getBuffer("subject")), row.getLong("n")));
          return buckets;
        });
  }

  public Uni<List<ByteString>> recommendedSystems() {
    return pool.query(RECOMMENDED).execute().map(rows -> {
      List<ByteString> systems = new ArrayList<>();
      for (Row row : rows) systems.add(Bytes.bytes(row.getBuffer("system")));
      return systems;
    });
  }

  public record ExplorePage(List<ByteString> events, Long lastUnixMs, Long lastId) {}

  public record Bucket(ByteString key, long count) {}
}
