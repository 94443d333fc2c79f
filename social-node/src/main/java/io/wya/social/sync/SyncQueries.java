package io.wya.social.sync;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.proto.Event;
import io.wya.polycentric.proto.Range;
import io.wya.polycentric.proto.RangesForProcess;
import io.wya.polycentric.proto.RangesForSystem;
import io.wya.polycentric.proto.SignedEvent;
import io.wya.social.database.Bytes;
import io.wya.social.database.EventRows;
import io.wya.social.database.Visible;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/// The reads that synchronization uses: `/ranges`, `/events`, `/head`.
@ApplicationScoped
class SyncQueries {
  /// Gaps and islands over the clocks held: stored events plus deleted coordinates.
  private static final String RANGES = """
      select process, min(c) as low, max(c) as high from (
        select process, c, c - row_number() over (partition by process order by c) as island from (
          select process, logical_clock as c from events where system = $1
          union
          select process, logical_clock from deletions where system = $1) held) islands
      group by process, island order by process, low""";
  private static final String EVENTS_IN_RANGES = """
      select e.signed_event from events e
        join unnest($2::bytea[], $3::int8[], $4::int8[]) as r(p, lo, hi) on e.process = r.p and e.logical_clock between r.lo and r.hi
       where e.system = $1 and %s
       order by e.process, e.logical_clock limit $5""".formatted(Visible.EVENT);
  private static final String HEADS = """
      select distinct on (e.process) e.signed_event, e.content_type from events e
       where e.system = $1 and %s order by e.process, e.logical_clock desc""".formatted(Visible.EVENT);
  private static final String AT = """
      select e.signed_event from events e join unnest($2::bytea[], $3::int8[]) as x(p, c) on e.process = x.p and e.logical_clock = x.c
       where e.system = $1 and e.content_type = 2 and %s order by e.process""".formatted(Visible.EVENT);

  private final Pool pool;

  @Inject
  public SyncQueries(Pool pool) { this.pool = pool; }

  public Uni<RangesForSystem> ranges(SystemKey system) {
    return pool.preparedQuery(RANGES).execute(Tuple.of(Bytes.buffer(system.key()))).map(rows -> {
      RangesForSystem.Builder result = RangesForSystem.newBuilder();
      RangesForProcess.Builder current = null;
      ByteString currentProcess = null;
      for (Row row : rows) {
        ByteString process = Bytes.bytes(row.getBuffer("process"));
        if (!process.equals(currentProcess)) {
          if (current != null) result.addRangesForProcesses(current);
          current = RangesForProcess.newBuilder().setProcess(io.wya.polycentric.proto.Process.newBuilder().setProcess(process));
          currentProcess = process;
        }
        current.addRanges(Range.newBuilder().setLow(row.getLong("low")).setHigh(row.getLong("high")));
      }
      if (current != null) result.addRangesForProcesses(current);
      return result.build();
    });
  }

  /// Stored events of `system` inside `ranges`, ordered by process and clock, at most `limit`.
  public Uni<List<ByteString>> events(SystemKey system, RangesForSystem ranges, int limit) {
    List<Buffer> processes = new ArrayList<>();
    List<Long> lows = new ArrayList<>(), highs = new ArrayList<>();
    for (RangesForProcess forProcess : ranges.getRangesForProcessesList()) {
      for (Range range : forProcess.getRangesList()) {
        processes.add(Bytes.buffer(forProcess.getProcess().getProcess()));
        lows.add(Math.max(0, range.getLow()));
        highs.add(range.getHigh() < 0 ? Long.MAX_VALUE : range.getHigh());
      }
    }
    if (processes.isEmpty()) return Uni.createFrom().item(List.of());
    return pool.preparedQuery(EVENTS_IN_RANGES)
        .execute(Tuple.of(Bytes.buffer(system.key()), processes.toArray(Buffer[]::new), lows.toArray(Long[]::new), highs.toArray(Long[]::new), limit))
        .map(EventRows::signedEvents);
  }

  /// Per process the event with the highest clock, then the SYSTEM_PROCESSES events those heads
  /// index (what `query-head` clients need to check the vector clock).
  public Uni<List<ByteString>> head(SystemKey system) {
    return pool.preparedQuery(HEADS).execute(Tuple.of(Bytes.buffer(system.key()))).chain(rows -> {
      List<ByteString> heads = new ArrayList<>();
      List<Buffer> processes = new ArrayList<>();
      List<Long> clocks = new ArrayList<>();
      for (Row row : rows) {
        ByteString signed = Bytes.bytes(row.getBuffer("signed_event"));
        heads.add(signed);
        if (row.getLong("content_type") == ContentType.SYSTEM_PROCESSES) continue;
        Event event = event(signed);
        for (var index : event.getIndices().getIndicesList()) {
          if (index.getIndexType() == ContentType.SYSTEM_PROCESSES) {
            processes.add(Bytes.buffer(event.getProcess().getProcess()));
            clocks.add(index.getLogicalClock());
          }
        }
      }
      if (processes.isEmpty()) return Uni.createFrom().item(heads);
      return pool.preparedQuery(AT).execute(Tuple.of(Bytes.buffer(system.key()), processes.toArray(Buffer[]::new), clocks.toArray(Long[]::new)))
          .map(more -> {
            heads.addAll(EventRows.signedEvents(more));
            return heads;
          });
    });
  }

  /// The `Event` inside stored `SignedEvent` bytes (written by us, so it parses).
  static Event event(ByteString signedEvent) {
    try {
      return Event.parseFrom(SignedEvent.parseFrom(signedEvent).getEvent());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored event does not parse", e);
    }
  }
}
