package io.wya.social.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;
import io.wya.polycentric.VerifiedEvent;
import io.wya.social.database.Bytes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/// The one statement that writes a batch: every table in data-modifying CTEs, each fed by its own
/// `unnest` arrays and joined (on the batch position `n`) to the events that were actually
/// inserted, so nothing is written for a duplicate or a refused event. Returns the positions
/// (1-based) of the new events.
///
/// The statement has only the CTEs of the side tables the batch writes ([Part], ADR 0113): a CTE
/// over empty arrays writes nothing, but PostgreSQL still opens its table and every index of it,
/// sets it up and shuts it down for each execution (≈ 0.3 ms of a 20-post batch). There are at
/// most 2⁶ shapes, each prepared once per connection.
///
/// All CTEs see the same snapshot: the removal of a DELETE's target only finds events committed
/// before this batch ([io.wya.social.ingest.IngestPlan] never writes an event that a DELETE of the same batch removes),
/// and the latest LWW element is chosen among the new rows here (`DISTINCT ON`), because one
/// statement may not update a row twice.
///
/// Events are inserted in key order, not batch order: two concurrent batches holding the same
/// systems' shared locks and carrying some of the same events then wait for each other's rows in
/// one global order and cannot deadlock (the latest-LWW upsert is key-ordered by its `DISTINCT ON`).
/// A [Duplicates#FAIL] statement inserts without `on conflict`, so PostgreSQL does not probe
/// `events_key` before each insert; a batch with a stored event then fails whole and is written
/// again as [Duplicates#SKIP] ([io.wya.social.ingest.PostgresIngestStore], ADR 0119).
/// The words of new posts that [io.wya.social.search.SearchVocabulary] does not know to be in the
/// fuzzy-search vocabulary yet ($24, sorted) are inserted last (ADR 0108): a word's insert only
/// ever waits for another transaction that holds no event this one waits for, and the sorted order
/// keeps two transactions adding the same new words from waiting for each other.
/// Nothing is copied for Kafka: the relay reads the new rows of `events` itself (ADR 0110).
/// A post's full-text document is a column of its event (`post_document`, ADR 0117), computed in
/// the insert from its text ($7, null for other events); usernames and descriptions are rows of
/// `search_documents`.
/// A removed target's references, claim and profile search document go in this statement (no foreign
/// key cascades them, ADR 0111: those tables only ever get rows here, so the `fresh_*` inserts and
/// the `removed_*` deletes never touch the same row); its `lww_latest` row is left to that
/// table's cascade, which runs after the statement and so after the `fresh_lww` upsert may
/// have handed the row to a newer event.
final class IngestStatement {
  /// A side table's CTEs, included when the batch has rows for it; `%s` are its parameters.
  enum Part {
    REFERENCES(REFERENCES_CTE), LWW(LWW_CTE), CLAIMS(CLAIMS_CTE), PROFILE_SEARCH(PROFILE_SEARCH_CTE), DELETES(DELETES_CTE), WORDS(WORDS_CTE);

    private final String cte;

    Part(String cte) { this.cte = cte; }
  }

  /// What the insert does with an event that is stored already (ADR 0119).
  enum Duplicates {
    /// The statement fails with a unique violation of `events_key`: no conflict probe per event.
    FAIL,
    /// The event is skipped (`on conflict do nothing`): first writer wins.
    SKIP
  }

  /// The parts of a statement and what it does with stored events.
  record Shape(Set<Part> parts, Duplicates duplicates) {}

  /// A shape's SQL and the arguments of its parameters, in order.
  record Statement(String sql, Tuple arguments) {}

  /// The unique constraint a [Duplicates#FAIL] statement violates when an event is stored already.
  static final String EVENTS_KEY = "events_key";

  private static final String EVENTS = """
      with input as (
        select * from unnest($1::bytea[], $2::bytea[], $3::int8[], $4::int8[], $5::int8[], $6::bytea[], $7::text[])
          with ordinality as x(s, p, c, t, u, b, post, n)),
      stored as (
        insert into events (system, process, logical_clock, content_type, unix_ms, signed_event, post_document)
        select x.s, x.p, x.c, x.t, x.u, x.b, to_tsvector('simple', x.post) from input x
         where not exists (select 1 from deletions d where d.system = x.s and d.process = x.p and d.logical_clock = x.c)
           and not exists (select 1 from censored_systems cs where cs.system = x.s and cs.censorship_type = 'refuse_storage')
         order by x.s, x.p, x.c%s
        returning id, system, process, logical_clock),
      fresh as (
        select st.id, x.n, x.s, x.p, x.t, x.u, x.b from stored st
          join input x on x.s = st.system and x.p = st.process and x.c = st.logical_clock)""";
  private static final String REFERENCES_CTE = """
      fresh_references as (
        insert into event_references (event_id, subject, from_type, unix_ms)
        select fresh.id, r.subject, fresh.t, fresh.u from unnest(%s::int8[], %s::bytea[]) as r(n, subject) join fresh using (n))""";
  private static final String LWW_CTE = """
      fresh_lww as (
        insert into lww_latest (system, content_type, subject, value, unix_ms, process, event_id)
        select distinct on (fresh.s, fresh.t, l.subject) fresh.s, fresh.t, l.subject, l.v, l.u, fresh.p, fresh.id
          from unnest(%s::int8[], %s::bytea[], %s::bytea[], %s::int8[]) as l(n, subject, v, u) join fresh using (n)
         order by fresh.s, fresh.t, l.subject, l.u desc, fresh.p desc, fresh.n
        on conflict (system, content_type, subject) do update
          set value = excluded.value, unix_ms = excluded.unix_ms, process = excluded.process, event_id = excluded.event_id
          where (excluded.unix_ms, excluded.process) > (lww_latest.unix_ms, lww_latest.process))""";
  private static final String CLAIMS_CTE = """
      fresh_claims as (
        insert into claims (event_id, system, claim_type, fields)
        select fresh.id, fresh.s, c.t, c.f::jsonb from unnest(%s::int8[], %s::int8[], %s::text[]) as c(n, t, f) join fresh using (n))""";
  private static final String PROFILE_SEARCH_CTE = """
      fresh_profile_search as (
        insert into search_documents (event_id, system, kind, unix_ms, body)
        select fresh.id, fresh.s, d.kind, fresh.u, d.body from unnest(%s::int8[], %s::text[], %s::text[]) as d(n, kind, body) join fresh using (n))""";
  private static final String DELETES_CTE = """
      targets as (
        select fresh.id, fresh.s, d.p, d.c, d.u, d.t from unnest(%s::int8[], %s::bytea[], %s::int8[], %s::int8[], %s::int8[])
          as d(n, p, c, u, t) join fresh using (n)),
      fresh_deletions as (
        insert into deletions (system, process, logical_clock, delete_event_id, unix_ms, content_type)
        select s, p, c, id, u, t from targets on conflict do nothing),
      removed_targets as (
        delete from events e using targets x
         where e.system = x.s and e.process = x.p and e.logical_clock = x.c and e.content_type <> 1
        returning e.id),
      removed_references as (delete from event_references r using removed_targets x where r.event_id = x.id),
      removed_claims as (delete from claims c using removed_targets x where c.event_id = x.id),
      removed_profile_search as (delete from search_documents d using removed_targets x where d.event_id = x.id)""";
  private static final String WORDS_CTE = """
      fresh_words as (
        insert into search_words (word) select w from unnest(%s::text[]) as w order by w on conflict do nothing)""";
  private static final String RESULT = """

      select n from fresh order by n""";

  private static final String SKIP_STORED = "\n        on conflict (system, process, logical_clock) do nothing";

  /// Every shape's SQL, by the bit set of its parts, once per [Duplicates] value.
  private static final String[][] SQL_BY_SHAPE = new String[Duplicates.values().length][1 << Part.values().length];

  static {
    for (Duplicates duplicates : Duplicates.values()) {
      for (int key = 0; key < SQL_BY_SHAPE[0].length; key++) SQL_BY_SHAPE[duplicates.ordinal()][key] = build(parts(key), duplicates);
    }
  }

  private IngestStatement() {}

  /// The statement for `events` (each key once) and the new vocabulary `words` (sorted).
  static Statement of(List<AcceptedEvent> events, List<String> words, Duplicates duplicates) {
    return of(new Shape(EnumSet.noneOf(Part.class), duplicates), events, words);
  }

  /// As [#of(List, List, Duplicates)], with the CTEs of the shape's parts whether or not the batch needs them.
  static Statement of(Shape minimal, List<AcceptedEvent> events, List<String> words) {
    int size = events.size();
    Buffer[] systems = new Buffer[size], processes = new Buffer[size], bodies = new Buffer[size];
    String[] postTexts = new String[size];
    Long[] clocks = new Long[size], types = new Long[size], times = new Long[size];
    Columns refs = new Columns(2), lww = new Columns(4), claims = new Columns(3), profileSearch = new Columns(3), deletes = new Columns(5);
    for (int i = 0; i < size; i++) {
      AcceptedEvent accepted = events.get(i);
      VerifiedEvent e = accepted.event();
      long n = i + 1;
      systems[i] = Bytes.buffer(e.system().key());
      processes[i] = Bytes.buffer(e.process().id());
      clocks[i] = e.logicalClock();
      types[i] = e.contentType();
      times[i] = PostgresIngestStore.unixMs(e);
      bodies[i] = Bytes.buffer(e.signedEventBytes());
      for (var subject : accepted.subjects()) refs.add(n, Bytes.buffer(subject));
      if (e.lwwElement().isPresent() && !accepted.subjects().isEmpty()) {
        var element = e.lwwElement().get();
        lww.add(n, Bytes.buffer(accepted.subjects().getFirst()), Bytes.buffer(element.value()), element.unixMilliseconds());
      }
      if (accepted.claim().present()) claims.add(n, accepted.claim().claimType(), accepted.claim().fieldsJson());
      if (accepted.searchText().isPresent()) {
        var text = accepted.searchText().get();
        String body = text.body().replace('\0', ' ');
        if (text.kind().equals(AcceptedEvent.SearchText.MESSAGE)) postTexts[i] = body;
        else profileSearch.add(n, text.kind(), body);
      }
      accepted.delete().ifPresent(d -> deletes.add(n, Bytes.buffer(d.process().id()), d.logicalClock(),
          d.unixMilliseconds().isPresent() ? d.unixMilliseconds().getAsLong() : null, d.contentType()));
    }
    EnumSet<Part> shape = EnumSet.noneOf(Part.class);
    shape.addAll(minimal.parts());
    if (!refs.isEmpty()) shape.add(Part.REFERENCES);
    if (!lww.isEmpty()) shape.add(Part.LWW);
    if (!claims.isEmpty()) shape.add(Part.CLAIMS);
    if (!profileSearch.isEmpty()) shape.add(Part.PROFILE_SEARCH);
    if (!deletes.isEmpty()) shape.add(Part.DELETES);
    if (!words.isEmpty()) shape.add(Part.WORDS);

    List<Object> args = new ArrayList<>(24);
    args.addAll(List.of(systems, processes, clocks, types, times, bodies, postTexts));
    if (shape.contains(Part.REFERENCES)) args.addAll(List.of(refs.column(0, Long[]::new), refs.column(1, Buffer[]::new)));
    if (shape.contains(Part.LWW)) {
      args.addAll(List.of(lww.column(0, Long[]::new), lww.column(1, Buffer[]::new), lww.column(2, Buffer[]::new), lww.column(3, Long[]::new)));
    }
    if (shape.contains(Part.CLAIMS)) args.addAll(List.of(claims.column(0, Long[]::new), claims.column(1, Long[]::new), claims.column(2, String[]::new)));
    if (shape.contains(Part.PROFILE_SEARCH)) args.addAll(List.of(profileSearch.column(0, Long[]::new), profileSearch.column(1, String[]::new),
        profileSearch.column(2, String[]::new)));
    if (shape.contains(Part.DELETES)) {
      args.addAll(List.of(deletes.column(0, Long[]::new), deletes.column(1, Buffer[]::new), deletes.column(2, Long[]::new),
          deletes.column(3, Long[]::new), deletes.column(4, Long[]::new)));
    }
    if (shape.contains(Part.WORDS)) args.add(words.toArray(String[]::new));
    return new Statement(sql(new Shape(shape, minimal.duplicates())), Tuple.tuple(args));
  }

  /// The SQL of one shape; its parameters come in [Part] order after the seven of the events.
  static String sql(Shape shape) {
    int key = 0;
    for (Part part : shape.parts()) key |= 1 << part.ordinal();
    return SQL_BY_SHAPE[shape.duplicates().ordinal()][key];
  }

  /// Every shape there is, each once.
  static List<Shape> everyShape() {
    List<Shape> shapes = new ArrayList<>();
    for (Duplicates duplicates : Duplicates.values()) {
      for (int key = 0; key < SQL_BY_SHAPE[0].length; key++) shapes.add(new Shape(parts(key), duplicates));
    }
    return shapes;
  }

  private static Set<Part> parts(int key) {
    EnumSet<Part> shape = EnumSet.noneOf(Part.class);
    for (Part part : Part.values()) if ((key & 1 << part.ordinal()) != 0) shape.add(part);
    return shape;
  }

  private static String build(Set<Part> parts, Duplicates duplicates) {
    StringBuilder sql = new StringBuilder(EVENTS.formatted(duplicates == Duplicates.SKIP ? SKIP_STORED : ""));
    int next = 8;
    for (Part part : parts) {
      Object[] parameters = new Object[part.cte.split("%s", -1).length - 1];
      for (int i = 0; i < parameters.length; i++) parameters[i] = "$" + next++;
      sql.append(",\n").append(part.cte.formatted(parameters));
    }
    return sql.append(RESULT).toString();
  }

  /// Parallel column lists of one side table, turned into typed arrays at the end.
  private static final class Columns {
    private final List<List<Object>> columns = new ArrayList<>();

    Columns(int count) {
      for (int i = 0; i < count; i++) columns.add(new ArrayList<>());
    }

    void add(Object... values) {
      for (int i = 0; i < values.length; i++) columns.get(i).add(values[i]);
    }

    boolean isEmpty() { return columns.getFirst().isEmpty(); }

    <T> T[] column(int i, IntFunction<T[]> array) { return columns.get(i).toArray(array); }
  }
}
