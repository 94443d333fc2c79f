package io.wya.social.references;

import com.google.protobuf.ByteString;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.wya.social.database.Bytes;
import io.wya.social.database.Visible;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/// `/query_references`: the events that reference a subject (pages of 20, best score first) and
/// counts of opinions and references, all computed from the current rows, so a changed or deleted
/// vote is never counted twice.
@ApplicationScoped
class ReferenceQueries {
  public static final int PAGE = 20;
  private static final String ITEMS = """
      select e.signed_event, %1$s as subject,
             (select count(*) from lww_latest l where l.subject = %1$s and l.content_type = 14 and l.value = '\\x01'::bytea)
           - (select count(*) from lww_latest l where l.subject = %1$s and l.content_type = 14 and l.value = '\\x02'::bytea) as score,
             e.id
        from events e
       where e.id in (select r.event_id from event_references r
                       where r.subject = any($1::bytea[]) and ($2::int8 is null or r.from_type = $2))
         and %2$s
       order by score desc, e.id desc offset $3 limit %3$d""".formatted(Visible.SUBJECT_OF_E, Visible.EVENT, PAGE);
  private static final String COUNT_LWW = """
      select l.subject, count(*) as n from lww_latest l join events e on e.id = l.event_id
       where l.subject = any($1::bytea[]) and l.value = $2 and ($3::int8 is null or l.content_type = $3) and %s
       group by l.subject""".formatted(Visible.EVENT);
  private static final String COUNT_REFERENCES = """
      select r.subject, count(*) as n from event_references r join events e on e.id = r.event_id
       where r.subject = any($1::bytea[]) and ($2::int8 is null or r.from_type = $2) and %s
       group by r.subject""".formatted(Visible.EVENT);

  private final Pool pool;

  @Inject
  public ReferenceQueries(Pool pool) { this.pool = pool; }

  /// One page of referencing events at `offset`, optionally only those of `fromType`.
  public Uni<List<Item>> items(List<ByteString> subjects, OptionalLong fromType, long offset) {
    return pool.preparedQuery(ITEMS).execute(Tuple.of(buffers(subjects), boxed(fromType), offset)).map(rows -> {
      List<Item> items = new ArrayList<>();
      for (Row row : rows) items.add(new Item(Bytes.bytes(row.getBuffer("signed_event")), Bytes.bytes(row.getBuffer("subject"))));
      return items;
    });
  }

  /// Latest opinions (or other LWW elements) with `value` on each subject.
  public Uni<Map<ByteString, Long>> countLww(List<ByteString> subjects, ByteString value, OptionalLong fromType) {
    if (subjects.isEmpty()) return Uni.createFrom().item(Map.of());
    return pool.preparedQuery(COUNT_LWW).execute(Tuple.of(buffers(subjects), Bytes.buffer(value), boxed(fromType))).map(ReferenceQueries::counts);
  }

  /// Events referencing each subject.
  public Uni<Map<ByteString, Long>> countReferences(List<ByteString> subjects, OptionalLong fromType) {
    if (subjects.isEmpty()) return Uni.createFrom().item(Map.of());
    return pool.preparedQuery(COUNT_REFERENCES).execute(Tuple.of(buffers(subjects), boxed(fromType))).map(ReferenceQueries::counts);
  }

  private static Map<ByteString, Long> counts(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
    Map<ByteString, Long> counts = new HashMap<>();
    for (Row row : rows) counts.put(Bytes.bytes(row.getBuffer("subject")), row.getLong("n"));
    return counts;
  }

  private static Buffer[] buffers(List<ByteString> subjects) { return subjects.stream().map(Bytes::buffer).toArray(Buffer[]::new); }

  private static Long boxed(OptionalLong value) { return value.isPresent() ? value.getAsLong() : null; }

  /// A referencing event and its own subject key (for its per-item counts).
  public record Item(ByteString signedEvent, ByteString subject) {}
}
