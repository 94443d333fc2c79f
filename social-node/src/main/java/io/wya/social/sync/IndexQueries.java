package io.wya.social.sync;

import com.google.protobuf.ByteString;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.wya.polycentric.SystemKey;
import io.wya.social.database.Bytes;
import io.wya.social.database.EventRows;
import io.wya.social.database.Visible;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/// `/query_latest` and `/query_index` (with the proof events the client validates against).
@ApplicationScoped
class IndexQueries {
  private static final String LATEST = """
      select distinct on (e.process, e.content_type) e.signed_event from events e
       where e.system = $1 and e.content_type = any($2::int8[]) and %s
       order by e.process, e.content_type, e.logical_clock desc""".formatted(Visible.EVENT);
  /// Events of one type plus, at each deleted event's place, the delete that removed it. Events
  /// without a time cannot be placed in the client's time order and are left out.
  private static final String TIMELINE = """
      (select e.unix_ms, e.process, e.logical_clock, e.signed_event from events e
        where e.system = $1 and e.content_type = $2 and e.unix_ms is not null and %s
       union all
       select d.unix_ms, d.process, d.logical_clock, e.signed_event from deletions d join events e on e.id = d.delete_event_id
        where d.system = $1 and d.content_type = $2 and d.unix_ms is not null) v""".formatted(Visible.EVENT);
  private static final String INDEX = "select * from " + TIMELINE
      + " where ($3::int8 is null or v.unix_ms < $3) order by v.unix_ms desc, v.process desc, v.logical_clock desc limit $4";
  private static final String PROCESSES = "select distinct process from events where system = $1 order by process";
  private static final String NEAREST_NEWER = "select * from " + TIMELINE
      + " where v.process = $3 and v.unix_ms >= $4 order by v.unix_ms asc, v.logical_clock asc limit 1";
  private static final String NEAREST_OLDER = "select * from " + TIMELINE
      + " where v.process = $3 and v.unix_ms <= $4 order by v.unix_ms desc, v.logical_clock desc limit 1";

  private final Pool pool;

  @Inject
  public IndexQueries(Pool pool) { this.pool = pool; }

  public Uni<List<ByteString>> latest(SystemKey system, List<Long> contentTypes) {
    if (contentTypes.isEmpty()) return Uni.createFrom().item(List.of());
    return pool.preparedQuery(LATEST).execute(Tuple.of(Bytes.buffer(system.key()), contentTypes.toArray(Long[]::new)))
        .map(EventRows::signedEvents);
  }

  /// The newest `limit` events of `contentType` before `after`, newest first, and the proof: for
  /// every other process of the system, its nearest event just outside the returned time window.
  public Uni<IndexPage> index(SystemKey system, long contentType, OptionalLong after, int limit) {
    var key = Bytes.buffer(system.key());
    Long before = after.isPresent() ? after.getAsLong() : null;
    return pool.preparedQuery(INDEX).execute(Tuple.of(key, contentType, before, limit)).chain(rows -> {
      List<Row> page = new ArrayList<>();
      rows.forEach(page::add);
      List<ByteString> events = page.stream().map(r -> Bytes.bytes(r.getBuffer("signed_event"))).toList();
      if (page.isEmpty()) return Uni.createFrom().item(new IndexPage(events, List.of()));
      Row newest = page.getFirst(), oldest = page.getLast();
      return pool.preparedQuery(PROCESSES).execute(Tuple.of(key)).chain(processes -> {
        List<Uni<List<ByteString>>> proofs = new ArrayList<>();
        for (Row p : processes) {
          var process = p.getBuffer("process").getDelegate();
          if (!process.equals(newest.getBuffer("process").getDelegate())) {
            proofs.add(one(NEAREST_NEWER, Tuple.of(key, contentType, process, newest.getLong("unix_ms"))));
          }
          if (!process.equals(oldest.getBuffer("process").getDelegate())) {
            proofs.add(one(NEAREST_OLDER, Tuple.of(key, contentType, process, oldest.getLong("unix_ms"))));
          }
        }
        if (proofs.isEmpty()) return Uni.createFrom().item(new IndexPage(events, List.of()));
        return Uni.join().all(proofs).andFailFast().map(found -> {
          List<ByteString> proof = new ArrayList<>();
          found.forEach(proof::addAll);
          return new IndexPage(events, proof.stream().distinct().toList());
        });
      });
    });
  }

  private Uni<List<ByteString>> one(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(EventRows::signedEvents);
  }

  /// A `QueryIndexResponse`'s two lists.
  public record IndexPage(List<ByteString> events, List<ByteString> proof) {}
}
