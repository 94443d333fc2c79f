package io.wya.gateway.mailbox;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.UserId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/// [MailboxStore] on PostgreSQL (tables in `db/migration/V1__gateway.sql`).
public final class PostgresMailboxStore implements MailboxStore {
  private static final String MEMBERSHIPS = """
      select m.conv_id, m.added_seq, m.removed_seq, m.acked_seq, c.head_seq, c.epoch, c.conv_home, c.successor_conv_id
      from members m join conversations c on c.conv_id = m.conv_id
      where m.user_id = $1 and m.device_id = $2""";
  private static final String MEMBERSHIP = MEMBERSHIPS + " and m.conv_id = $3";
  private static final String READ = """
      select seq, msg_id, kind, epoch, mls_message, welcome, group_info, successor_conv_id, origin_gateway, accepted_at,
             sender_user, sender_device, conv_home
      from (
        select e.seq, e.msg_id, e.kind, e.epoch, e.mls_message, e.welcome, e.group_info, e.successor_conv_id, e.origin_gateway,
               e.accepted_at, e.sender_user, e.sender_device, c.conv_home,
               row_number() over (order by e.seq) as n,
               sum(octet_length(e.mls_message) + coalesce(octet_length(e.welcome), 0) + coalesce(octet_length(e.group_info), 0))
                 over (order by e.seq) as bytes
        from members m
        join conversations c on c.conv_id = m.conv_id
        join entries e on e.conv_id = m.conv_id and e.seq > greatest($4, m.added_seq - 1)
                      and e.seq <= coalesce(m.removed_seq, 9223372036854775807)
        where m.conv_id = $1 and m.user_id = $2 and m.device_id = $3
        order by e.seq
        limit $5) page
      where n = 1 or bytes <= $6
      order by seq""";
  private static final String ACK = """
      update members m set acked_seq = greatest(m.acked_seq, t.seq)
      from unnest($3::bytea[], $4::bigint[]) as t(conv, seq)
      where m.conv_id = t.conv and m.user_id = $1 and m.device_id = $2""";
  private static final String PRUNE_ENTRIES = """
      delete from entries e
      where e.accepted_at < $2
         or (e.accepted_at < $1 and not exists (
               select 1 from members m
               where m.conv_id = e.conv_id and m.added_seq <= e.seq
                 and (m.removed_seq is null or m.removed_seq >= e.seq) and m.acked_seq < e.seq))""";
  private static final String PRUNE_REMOVED_MEMBERS = "delete from members where removed_seq is not null and acked_seq >= removed_seq";

  private final Pool pool;

  public PostgresMailboxStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<Membership>> memberships(DeviceKey device) {
    return pool.preparedQuery(MEMBERSHIPS).execute(Tuple.of(buf(device.user().unsafeBytes()), buf(device.device().unsafeBytes())))
        .map(rows -> {
          List<Membership> out = new ArrayList<>();
          for (Row r : rows) out.add(membership(r));
          return out;
        });
  }

  @Override
  public Future<Membership> membership(ConvId conv, DeviceKey device) {
    return pool.preparedQuery(MEMBERSHIP).execute(Tuple.of(buf(device.user().unsafeBytes()), buf(device.device().unsafeBytes()),
        buf(conv.unsafeBytes()))).map(rows -> rows.size() == 0 ? null : membership(rows.iterator().next()));
  }

  private static Membership membership(Row r) {
    Long removed = r.getLong(2);
    Buffer successor = r.getBuffer(7);
    return new Membership(new ConvId(r.getBuffer(0).getBytes()), r.getLong(1), removed == null ? Membership.ACTIVE : removed,
        r.getLong(3), r.getLong(4), r.getLong(5), r.getString(6), successor == null ? null : new ConvId(successor.getBytes()));
  }

  @Override
  public Future<List<Entry>> read(ConvId conv, DeviceKey device, long afterSeq, int limit, int maxBytes) {
    Tuple args = Tuple.of(buf(conv.unsafeBytes()), buf(device.user().unsafeBytes()), buf(device.device().unsafeBytes()), afterSeq, limit,
        (long) maxBytes);
    return pool.preparedQuery(READ).execute(args).map(rows -> {
      List<Entry> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        Buffer welcome = r.getBuffer(5);
        Buffer groupInfo = r.getBuffer(6);
        Buffer successor = r.getBuffer(7);
        out.add(new Entry(conv, r.getLong(0), new MsgId(r.getBuffer(1).getBytes()), EntryKind.of(r.getShort(2)), r.getLong(3),
            r.getBuffer(4).getBytes(), welcome == null ? null : welcome.getBytes(), groupInfo == null ? null : groupInfo.getBytes(),
            successor == null ? null : new ConvId(successor.getBytes()), r.getString(12), r.getString(8),
            r.getOffsetDateTime(9).toInstant().toEpochMilli(),
            new DeviceKey(new UserId(r.getBuffer(10).getBytes()), new DeviceId(r.getBuffer(11).getBytes()))));
      }
      return out;
    });
  }

  @Override
  public Future<Void> ack(DeviceKey device, Map<ConvId, Long> cursors) {
    if (cursors.isEmpty()) return Future.succeededFuture();
    Buffer[] convs = new Buffer[cursors.size()];
    Long[] seqs = new Long[cursors.size()];
    int i = 0;
    for (Map.Entry<ConvId, Long> c : cursors.entrySet()) {
      convs[i] = buf(c.getKey().unsafeBytes());
      seqs[i++] = c.getValue();
    }
    return pool.preparedQuery(ACK).execute(Tuple.of(buf(device.user().unsafeBytes()), buf(device.device().unsafeBytes()), convs, seqs))
        .mapEmpty();
  }

  @Override
  public Future<Integer> prune(Instant minAgeCutoff, Instant maxAgeCutoff) {
    return pool.withTransaction(tx -> tx.preparedQuery(PRUNE_ENTRIES).execute(Tuple.of(time(minAgeCutoff), time(maxAgeCutoff)))
        .compose(deleted -> tx.query(PRUNE_REMOVED_MEMBERS).execute().map(v -> deleted.rowCount())));
  }

  private static Buffer buf(byte[] b) { return Buffer.buffer(b); }

  private static OffsetDateTime time(Instant t) { return OffsetDateTime.ofInstant(t, ZoneOffset.UTC); }
}
