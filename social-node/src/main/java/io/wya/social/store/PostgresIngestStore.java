package io.wya.social.store;

import com.google.protobuf.ByteString;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.wya.polycentric.VerifiedEvent;
import io.wya.social.ingest.AcceptedEvent;
import io.wya.social.ingest.IngestPlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Writes one batch in one transaction with a fixed number of set-based statements (not one per
/// event): advisory locks per system, the events (first writer wins, deleted coordinates refused),
/// then references, opinions, claims, search documents, deletions and outbox rows of the events
/// that were new. Returns the events that were stored.
@ApplicationScoped
public class PostgresIngestStore {
  private static final String LOCK_SYSTEMS = """
      select pg_advisory_xact_lock(k) from (
        select distinct hashtextextended(encode(s, 'hex'), 7) as k from unnest($1::bytea[]) as s order by 1) locks""";
  private static final String INSERT_EVENTS = """
      insert into events (system, process, logical_clock, content_type, unix_ms, signed_event)
      select x.s, x.p, x.c, x.t, x.u, x.b
        from unnest($1::bytea[], $2::bytea[], $3::int8[], $4::int8[], $5::int8[], $6::bytea[]) with ordinality as x(s, p, c, t, u, b, n)
       where not exists (select 1 from deletions d where d.system = x.s and d.process = x.p and d.logical_clock = x.c)
         and not exists (select 1 from censored_systems cs where cs.system = x.s and cs.censorship_type = 'refuse_storage')
       order by x.n
      on conflict (system, process, logical_clock) do nothing
      returning id, system, process, logical_clock""";
  private static final String INSERT_REFERENCES = """
      insert into event_references (event_id, subject, from_type, unix_ms)
      select * from unnest($1::int8[], $2::bytea[], $3::int8[], $4::int8[])""";
  private static final String UPSERT_LWW = """
      insert into lww_latest (system, content_type, subject, value, unix_ms, process, event_id)
      select * from unnest($1::bytea[], $2::int8[], $3::bytea[], $4::bytea[], $5::int8[], $6::bytea[], $7::int8[])
      on conflict (system, content_type, subject) do update
        set value = excluded.value, unix_ms = excluded.unix_ms, process = excluded.process, event_id = excluded.event_id
        where (excluded.unix_ms, excluded.process) > (lww_latest.unix_ms, lww_latest.process)""";
  private static final String INSERT_CLAIMS = """
      insert into claims (event_id, system, claim_type, fields)
      select x.e, x.s, x.t, x.f::jsonb from unnest($1::int8[], $2::bytea[], $3::int8[], $4::text[]) as x(e, s, t, f)""";
  private static final String INSERT_SEARCH = """
      insert into search_documents (event_id, system, kind, unix_ms, body)
      select * from unnest($1::int8[], $2::bytea[], $3::text[], $4::int8[], $5::text[])""";
  private static final String INSERT_DELETIONS = """
      insert into deletions (system, process, logical_clock, delete_event_id, unix_ms, content_type)
      select * from unnest($1::bytea[], $2::bytea[], $3::int8[], $4::int8[], $5::int8[], $6::int8[])
      on conflict do nothing""";
  private static final String DELETE_TARGETS = """
      delete from events e using unnest($1::bytea[], $2::bytea[], $3::int8[]) as x(s, p, c)
       where e.system = x.s and e.process = x.p and e.logical_clock = x.c and e.content_type <> 1""";
  private static final String INSERT_OUTBOX = """
      insert into outbox (record_key, record_value, content_type)
      select x.k, x.v, x.t from unnest($1::bytea[], $2::bytea[], $3::int8[]) with ordinality as x(k, v, t, n) order by x.n""";

  private final Pool pool;
  private final int maxRecordBytes;

  @Inject
  public PostgresIngestStore(Pool pool, io.wya.social.config.SocialConfig config) {
    this.pool = pool;
    this.maxRecordBytes = config.kafka().maxRecordBytes();
  }

  /// Stores the plan's events atomically; the result lists those that were new.
  public Uni<List<AcceptedEvent>> append(IngestPlan plan) {
    if (plan.events().isEmpty()) return Uni.createFrom().item(List.of());
    // The lock and the insert are pipelined: the server runs them in order, the client waits once.
    return pool.withTransaction(conn -> Uni.combine().all().unis(lock(conn, plan), insertEvents(conn, plan)).asTuple()
        .map(locksAndStored -> locksAndStored.getItem2())
        .call(stored -> writeSideTables(conn, stored))
        .map(stored -> stored.stream().map(Stored::event).toList()));
  }

  private Uni<Void> lock(SqlConnection conn, IngestPlan plan) {
    Buffer[] systems = plan.events().stream().map(e -> e.event().system().key()).distinct().map(Bytes::buffer).toArray(Buffer[]::new);
    return conn.preparedQuery(LOCK_SYSTEMS).execute(Tuple.of(systems)).replaceWithVoid();
  }

  private Uni<List<Stored>> insertEvents(SqlConnection conn, IngestPlan plan) {
    int n = plan.events().size();
    Buffer[] s = new Buffer[n], p = new Buffer[n], b = new Buffer[n];
    Long[] c = new Long[n], t = new Long[n], u = new Long[n];
    for (int i = 0; i < n; i++) {
      VerifiedEvent e = plan.events().get(i).event();
      s[i] = Bytes.buffer(e.system().key());
      p[i] = Bytes.buffer(e.process().id());
      c[i] = e.logicalClock();
      t[i] = e.contentType();
      u[i] = e.unixMilliseconds().isPresent() ? e.unixMilliseconds().getAsLong() : null;
      b[i] = Bytes.buffer(e.signedEventBytes());
    }
    return conn.preparedQuery(INSERT_EVENTS).execute(Tuple.tuple(List.of(s, p, c, t, u, b))).map(rows -> {
      Map<RowKey, Long> ids = new HashMap<>();
      for (Row row : rows) {
        ids.put(new RowKey(Bytes.bytes(row.getBuffer("system")), Bytes.bytes(row.getBuffer("process")), row.getLong("logical_clock")),
            row.getLong("id"));
      }
      List<Stored> stored = new ArrayList<>();
      for (AcceptedEvent e : plan.events()) {
        Long id = ids.get(new RowKey(e.event().system().key(), e.event().process().id(), e.event().logicalClock()));
        if (id != null) stored.add(new Stored(id, e));
      }
      return stored;
    });
  }

  private Uni<Void> writeSideTables(SqlConnection conn, List<Stored> stored) {
    if (stored.isEmpty()) return Uni.createFrom().voidItem();
    // Independent statements are pipelined on the transaction's connection (one round trip);
    // the deletions run after them, so a target written in an earlier batch is removed last.
    return Uni.join().all(references(conn, stored), opinions(conn, stored), claims(conn, stored), search(conn, stored),
        outbox(conn, stored)).andFailFast().chain(() -> deletions(conn, stored));
  }

  private Uni<Void> references(SqlConnection conn, List<Stored> stored) {
    List<Long> ids = new ArrayList<>(), types = new ArrayList<>(), times = new ArrayList<>();
    List<Buffer> subjects = new ArrayList<>();
    for (Stored st : stored) {
      for (ByteString subject : st.event.subjects()) {
        ids.add(st.id);
        subjects.add(Bytes.buffer(subject));
        types.add(st.event.event().contentType());
        times.add(st.event.event().unixMilliseconds().isPresent() ? st.event.event().unixMilliseconds().getAsLong() : null);
      }
    }
    if (ids.isEmpty()) return Uni.createFrom().voidItem();
    return run(conn, INSERT_REFERENCES, ids.toArray(Long[]::new), subjects.toArray(Buffer[]::new), types.toArray(Long[]::new),
        times.toArray(Long[]::new));
  }

  /// The latest LWW element per (system, content_type, first reference); reduced here first
  /// because one statement may not update the same row twice.
  private Uni<Void> opinions(SqlConnection conn, List<Stored> stored) {
    Map<String, Stored> latest = new LinkedHashMap<>();
    for (Stored st : stored) {
      VerifiedEvent e = st.event.event();
      if (e.lwwElement().isEmpty() || st.event.subjects().isEmpty()) continue;
      String key = e.system().key().toStringUtf8() + "|" + e.contentType() + "|" + st.event.subjects().getFirst().toStringUtf8();
      latest.merge(key, st, (a, b) -> newer(b, a) ? b : a);
    }
    if (latest.isEmpty()) return Uni.createFrom().voidItem();
    int n = latest.size(), i = 0;
    Buffer[] sys = new Buffer[n], subj = new Buffer[n], val = new Buffer[n], proc = new Buffer[n];
    Long[] type = new Long[n], time = new Long[n], id = new Long[n];
    for (Stored st : latest.values()) {
      VerifiedEvent e = st.event.event();
      sys[i] = Bytes.buffer(e.system().key());
      type[i] = e.contentType();
      subj[i] = Bytes.buffer(st.event.subjects().getFirst());
      val[i] = Bytes.buffer(e.lwwElement().get().value());
      time[i] = e.lwwElement().get().unixMilliseconds();
      proc[i] = Bytes.buffer(e.process().id());
      id[i++] = st.id;
    }
    return run(conn, UPSERT_LWW, sys, type, subj, val, time, proc, id);
  }

  private static boolean newer(Stored a, Stored b) {
    long ta = a.event.event().lwwElement().get().unixMilliseconds(), tb = b.event.event().lwwElement().get().unixMilliseconds();
    if (ta != tb) return ta > tb;
    return java.util.Arrays.compareUnsigned(a.event.event().process().id().toByteArray(), b.event.event().process().id().toByteArray()) > 0;
  }

  private Uni<Void> claims(SqlConnection conn, List<Stored> stored) {
    List<Stored> claims = stored.stream().filter(st -> st.event.claim().present()).toList();
    if (claims.isEmpty()) return Uni.createFrom().voidItem();
    return run(conn, INSERT_CLAIMS, claims.stream().map(st -> st.id).toArray(Long[]::new),
        claims.stream().map(st -> Bytes.buffer(st.event.event().system().key())).toArray(Buffer[]::new),
        claims.stream().map(st -> st.event.claim().claimType()).toArray(Long[]::new),
        claims.stream().map(st -> st.event.claim().fieldsJson()).toArray(String[]::new));
  }

  private Uni<Void> search(SqlConnection conn, List<Stored> stored) {
    List<Stored> docs = stored.stream().filter(st -> st.event.searchText().isPresent()).toList();
    if (docs.isEmpty()) return Uni.createFrom().voidItem();
    return run(conn, INSERT_SEARCH, docs.stream().map(st -> st.id).toArray(Long[]::new),
        docs.stream().map(st -> Bytes.buffer(st.event.event().system().key())).toArray(Buffer[]::new),
        docs.stream().map(st -> st.event.searchText().get().kind()).toArray(String[]::new),
        docs.stream().map(st -> st.event.event().unixMilliseconds().isPresent() ? st.event.event().unixMilliseconds().getAsLong() : null)
            .toArray(Long[]::new),
        docs.stream().map(st -> st.event.searchText().get().body().replace('\0', ' ')).toArray(String[]::new));
  }

  private Uni<Void> deletions(SqlConnection conn, List<Stored> stored) {
    List<Stored> deletes = stored.stream().filter(st -> st.event.delete().isPresent()).toList();
    if (deletes.isEmpty()) return Uni.createFrom().voidItem();
    Buffer[] sys = deletes.stream().map(st -> Bytes.buffer(st.event.event().system().key())).toArray(Buffer[]::new);
    Buffer[] proc = deletes.stream().map(st -> Bytes.buffer(st.event.delete().get().process().id())).toArray(Buffer[]::new);
    Long[] clock = deletes.stream().map(st -> st.event.delete().get().logicalClock()).toArray(Long[]::new);
    Long[] ids = deletes.stream().map(st -> st.id).toArray(Long[]::new);
    Long[] times = deletes.stream().map(st -> st.event.delete().get().unixMilliseconds().isPresent()
        ? st.event.delete().get().unixMilliseconds().getAsLong() : null).toArray(Long[]::new);
    Long[] types = deletes.stream().map(st -> st.event.delete().get().contentType()).toArray(Long[]::new);
    return run(conn, INSERT_DELETIONS, sys, proc, clock, ids, times, types).chain(() -> run(conn, DELETE_TARGETS, sys, proc, clock));
  }

  private Uni<Void> outbox(SqlConnection conn, List<Stored> all) {
    List<Stored> stored = all.stream().filter(st -> st.event.event().signedEventBytes().size() <= maxRecordBytes).toList();
    if (stored.isEmpty()) return Uni.createFrom().voidItem();
    return run(conn, INSERT_OUTBOX, stored.stream().map(st -> Bytes.buffer(st.event.event().system().encoded())).toArray(Buffer[]::new),
        stored.stream().map(st -> Bytes.buffer(st.event.event().signedEventBytes())).toArray(Buffer[]::new),
        stored.stream().map(st -> st.event.event().contentType()).toArray(Long[]::new));
  }

  private static Uni<Void> run(SqlConnection conn, String sql, Object... arrays) {
    return conn.preparedQuery(sql).execute(Tuple.tuple(List.of(arrays))).replaceWithVoid();
  }

  private record Stored(long id, AcceptedEvent event) {}

  private record RowKey(ByteString system, ByteString process, long clock) {}
}
