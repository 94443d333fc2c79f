package io.wya.gateway.conversation;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.wya.gateway.conversation.ConversationSnapshot.Conversation;
import io.wya.gateway.conversation.ConversationSnapshot.Existing;
import io.wya.gateway.conversation.ConversationSnapshot.LoadPlan;
import io.wya.gateway.conversation.ConversationSnapshot.Member;
import io.wya.gateway.conversation.ConversationSnapshot.PendingProposal;
import io.wya.gateway.mailbox.Entry;
import io.wya.gateway.outcome.Rejection;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.UserId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/// [ConversationStore] on PostgreSQL. `select … for update` on the conversation row serialises
/// every change of one conversation; the entry, its seq (`head_seq + 1`), the epoch and the
/// membership changes are written in that same transaction (SEQ-1, EPOCH-2, COMMIT-3; ADR 0203).
public final class PostgresConversationStore implements ConversationStore {
  private static final String LOCK = """
      select c.conv_home, c.cipher_suite, c.epoch, c.head_seq, c.successor_conv_id,
             m.leaf_index, (m.conv_id is not null and m.removed_seq is null) as active,
             e.seq, e.sender_user, e.sender_device, e.mls_message
      from conversations c
      left join members m on m.conv_id = c.conv_id and m.user_id = $2 and m.device_id = $3
      left join entries e on e.conv_id = c.conv_id and e.msg_id = $4
      where c.conv_id = $1
      for update of c""";
  private static final String ACTIVE = "select user_id, device_id, leaf_index from members where conv_id = $1 and removed_seq is null";
  private static final String PENDING = "select ref, sender_leaf, message from pending_proposals where conv_id = $1 and epoch = $2 and ref = any($3)";
  private static final String PENDING_COUNT = "select count(*) from pending_proposals where conv_id = $1 and epoch = $2";
  private static final String ISSUED = "select ref, user_id, device_id from key_package_refs where ref = any($1)";
  private static final String APPEND = """
      with entry as (
        insert into entries (conv_id, seq, msg_id, kind, epoch, sender_user, sender_device, mls_message, welcome, group_info,
                             successor_conv_id, origin_gateway, accepted_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9::bytea, $10::bytea, $11::bytea, $12, $13))
      update conversations set head_seq = $2, epoch = $14,
        group_info = coalesce($10::bytea, group_info),
        group_info_epoch = case when $10::bytea is null then group_info_epoch else $14 end,
        successor_conv_id = coalesce($11::bytea, successor_conv_id)
      where conv_id = $1""";
  private static final String REMOVE = """
      update members set removed_seq = $2
      where conv_id = $1 and (user_id, device_id) in (select u, d from unnest($3::bytea[], $4::bytea[]) as t(u, d))""";
  private static final String ADD = """
      insert into members (conv_id, user_id, device_id, leaf_index, added_seq, removed_seq, acked_seq)
      select $1, u, d, l, $5::bigint, null::bigint, $5::bigint - 1 from unnest($2::bytea[], $3::bytea[], $4::bigint[]) as t(u, d, l)
      on conflict (conv_id, user_id, device_id) do update set leaf_index = excluded.leaf_index, added_seq = excluded.added_seq,
        removed_seq = null, acked_seq = greatest(members.acked_seq, excluded.acked_seq)""";
  private static final String KEEP_PROPOSAL = "insert into pending_proposals (conv_id, ref, epoch, seq, sender_leaf, message) values ($1, $2, $3, $4, $5, $6)";
  private static final String END_EPOCH = "delete from pending_proposals where conv_id = $1";
  /// Locks the conversation row and the senders' membership rows together: a Commit that removes a
  /// sender (or moves the epoch) and commits first is seen by the re-check PostgreSQL makes on
  /// locked rows, so the fast path never accepts what the rules would refuse. Accepted rows get
  /// consecutive seqs in input order.
  private static final String APPEND_APPLICATIONS = """
      with input as (
        select * from unnest($3::bytea[], $4::bytea[], $5::bytea[], $6::bigint[], $7::bytea[], $8::timestamptz[])
          with ordinality as t(u, d, msg, ep, mls, at, ord)),
      locked as (
        select c.head_seq, c.epoch, m.user_id, m.device_id from conversations c
        join members m on m.conv_id = c.conv_id and m.removed_seq is null
        where c.conv_id = $1 and c.successor_conv_id is null and c.conv_home = $2
          and (m.user_id, m.device_id) in (select u, d from input)
        for update of c, m),
      ok as (
        select i.*, l.head_seq, row_number() over (order by i.ord) as n from input i
        join locked l on l.user_id = i.u and l.device_id = i.d
        where l.epoch >= i.ep and l.epoch - i.ep <= $9
          and not exists (select 1 from entries e where e.conv_id = $1 and e.msg_id = i.msg)
          and not exists (select 1 from input j where j.msg = i.msg and j.ord < i.ord)),
      ins as (
        insert into entries (conv_id, seq, msg_id, kind, epoch, sender_user, sender_device, mls_message, origin_gateway, accepted_at)
        select $1, head_seq + n, msg, 1, ep, u, d, mls, $2, at from ok
        returning seq, msg_id),
      upd as (update conversations set head_seq = head_seq + (select count(*) from ok)
              where conv_id = $1 and exists (select 1 from ok))
      select ins.seq, ins.msg_id, (select max(epoch) from locked) from ins""";
  private static final String CREATE = """
      insert into conversations (conv_id, conv_home, cipher_suite, epoch, head_seq, group_info, group_info_epoch, creator_user,
                                 creator_device, creation_digest, successor_conv_id, created_at)
      values ($1, $2, $3, 0, 0, $4, 0, $5, $6, $7, null, $8) on conflict (conv_id) do nothing""";
  private static final String CREATOR = "select creator_user, creator_device, creation_digest from conversations where conv_id = $1";
  private static final String FIRST_MEMBER = """
      insert into members (conv_id, user_id, device_id, leaf_index, added_seq, removed_seq, acked_seq) values ($1, $2, $3, 0, 0, null, 0)""";
  private static final String GROUP_INFO = """
      select c.group_info, c.group_info_epoch, c.conv_home,
             exists (select 1 from members m where m.conv_id = c.conv_id and m.user_id = $2 and m.removed_seq is null) as member
      from conversations c where c.conv_id = $1""";

  private final Pool pool;

  public PostgresConversationStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Decision> append(ConvId conv, DeviceKey sender, MsgId msgId, LoadPlan plan,
                                 Function<ConversationSnapshot, Decision> decide) {
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK)
        .execute(Tuple.of(buf(conv.unsafeBytes()), buf(sender.user().unsafeBytes()), buf(sender.device().unsafeBytes()),
            buf(msgId == null ? new byte[0] : msgId.unsafeBytes())))
        .compose(rows -> {
          if (rows.size() == 0) return Future.succeededFuture(decide.apply(empty()));
          Row r = rows.iterator().next();
          Conversation c = new Conversation(conv, r.getString(0), r.getInteger(1), r.getLong(2), r.getLong(3), conv(r.getBuffer(4)));
          Member member = Boolean.TRUE.equals(r.getBoolean(6)) ? new Member(sender, r.getLong(5)) : null;
          Existing existing = r.getLong(7) == null ? null
              : new Existing(r.getLong(7), device(r.getBuffer(8), r.getBuffer(9)), bytes(r.getBuffer(10)));
          return loadRest(tx, c, plan).map(rest -> decide.apply(new ConversationSnapshot(c, existing, member, rest.active,
              rest.pending, rest.pendingCount, rest.issued)));
        })
        .compose(decision -> decision instanceof Decision.Accept a ? apply(tx, a).map(decision) : Future.succeededFuture(decision)))
        .recover(PostgresConversationStore::translate);
  }

  private record Rest(List<Member> active, Map<String, PendingProposal> pending, int pendingCount, Map<String, DeviceKey> issued) {}

  private Future<Rest> loadRest(SqlConnection tx, Conversation c, LoadPlan plan) {
    Buffer convId = buf(c.conv().unsafeBytes());
    Future<List<Member>> active = !plan.members() ? Future.succeededFuture(List.of())
        : tx.preparedQuery(ACTIVE).execute(Tuple.of(convId)).map(rows -> {
          List<Member> out = new ArrayList<>();
          for (Row r : rows) out.add(new Member(device(r.getBuffer(0), r.getBuffer(1)), r.getLong(2)));
          return out;
        });
    Future<Integer> count = !plan.countPending() ? Future.succeededFuture(0)
        : tx.preparedQuery(PENDING_COUNT).execute(Tuple.of(convId, c.epoch())).map(rows -> rows.iterator().next().getLong(0).intValue());
    return active.compose(members -> count.compose(n -> pending(tx, c, plan).compose(pending -> {
      List<byte[]> kpRefs = new ArrayList<>(plan.keyPackageRefs());
      kpRefs.addAll(SendRules.addedRefs(List.copyOf(pending.values())));
      return issued(tx, kpRefs).map(issued -> new Rest(members, pending, n, issued));
    })));
  }

  private Future<Map<String, PendingProposal>> pending(SqlConnection tx, Conversation c, LoadPlan plan) {
    if (plan.proposalRefs().isEmpty()) return Future.succeededFuture(Map.of());
    return tx.preparedQuery(PENDING).execute(Tuple.of(buf(c.conv().unsafeBytes()), c.epoch(), bufs(plan.proposalRefs()))).map(rows -> {
      Map<String, PendingProposal> out = new HashMap<>();
      for (Row r : rows) {
        byte[] ref = bytes(r.getBuffer(0));
        out.put(ConversationSnapshot.hex(ref), new PendingProposal(ref, r.getLong(1), bytes(r.getBuffer(2))));
      }
      return out;
    });
  }

  private Future<Map<String, DeviceKey>> issued(SqlConnection tx, List<byte[]> refs) {
    if (refs.isEmpty()) return Future.succeededFuture(Map.of());
    return tx.preparedQuery(ISSUED).execute(Tuple.of(bufs(refs))).map(rows -> {
      Map<String, DeviceKey> out = new HashMap<>();
      for (Row r : rows) out.put(ConversationSnapshot.hex(bytes(r.getBuffer(0))), device(r.getBuffer(1), r.getBuffer(2)));
      return out;
    });
  }

  private Future<Void> apply(SqlConnection tx, Decision.Accept a) {
    Entry e = a.entry();
    Buffer convId = buf(e.conv().unsafeBytes());
    Tuple append = Tuple.tuple().addValue(convId).addValue(e.seq()).addValue(buf(e.msgId().unsafeBytes()))
        .addValue((short) e.kind().code()).addValue(e.epoch()).addValue(buf(e.sender().user().unsafeBytes()))
        .addValue(buf(e.sender().device().unsafeBytes())).addValue(buf(e.mlsMessage())).addValue(nullable(e.welcome()))
        .addValue(nullable(a.groupInfo())).addValue(e.successor() == null ? null : buf(e.successor().unsafeBytes()))
        .addValue(e.originGateway()).addValue(time(e.acceptedAtMs())).addValue(a.epochAfter());
    Future<?> f = tx.preparedQuery(APPEND).execute(append);
    if (!a.removed().isEmpty()) {
      f = f.compose(v -> tx.preparedQuery(REMOVE).execute(Tuple.of(convId, e.seq(), users(a.removed()), devices(a.removed()))));
    }
    if (!a.added().isEmpty()) {
      Long[] leaves = a.added().stream().map(Member::leaf).toArray(Long[]::new);
      f = f.compose(v -> tx.preparedQuery(ADD).execute(Tuple.of(convId, users(a.added()), devices(a.added()), leaves, e.seq())));
    }
    if (a.endsEpoch()) f = f.compose(v -> tx.preparedQuery(END_EPOCH).execute(Tuple.of(convId)));
    if (a.proposal() != null) {
      PendingProposal p = a.proposal();
      f = f.compose(v -> tx.preparedQuery(KEEP_PROPOSAL).execute(Tuple.of(convId, buf(p.ref()), e.epoch(), e.seq(), p.senderLeaf(),
          buf(p.message()))));
    }
    if (a.successor() != null) f = f.compose(v -> insertConversation(tx, a.successor()));
    return f.mapEmpty();
  }

  @Override
  public Future<BatchResult> appendApplications(ConvId conv, List<Entry> entries, int grace) {
    Tuple args = Tuple.tuple().addValue(buf(conv.unsafeBytes())).addValue(entries.getFirst().convHome())
        .addValue(entries.stream().map(e -> buf(e.sender().user().unsafeBytes())).toArray(Buffer[]::new))
        .addValue(entries.stream().map(e -> buf(e.sender().device().unsafeBytes())).toArray(Buffer[]::new))
        .addValue(entries.stream().map(e -> buf(e.msgId().unsafeBytes())).toArray(Buffer[]::new))
        .addValue(entries.stream().map(Entry::epoch).toArray(Long[]::new))
        .addValue(entries.stream().map(e -> buf(e.mlsMessage())).toArray(Buffer[]::new))
        .addValue(entries.stream().map(e -> time(e.acceptedAtMs())).toArray(OffsetDateTime[]::new))
        .addValue((long) grace);
    return pool.preparedQuery(APPEND_APPLICATIONS).execute(args).transform(ar -> {
      if (ar.failed()) return Future.failedFuture(ar.cause());
      Map<String, Long> seqs = new HashMap<>();
      long epoch = -1;
      for (Row r : ar.result()) {
        seqs.put(ConversationSnapshot.hex(r.getBuffer(1).getBytes()), r.getLong(0));
        epoch = r.getLong(2);
      }
      List<Entry> stored = new ArrayList<>(entries.size());
      for (Entry e : entries) {
        Long seq = seqs.get(ConversationSnapshot.hex(e.msgId().unsafeBytes()));
        stored.add(seq == null ? null : new Entry(e.conv(), seq, e.msgId(), e.kind(), e.epoch(), e.mlsMessage(), null, null, null,
            e.convHome(), e.originGateway(), e.acceptedAtMs(), e.sender()));
      }
      return Future.succeededFuture(new BatchResult(stored, epoch));
    });
  }

  @Override
  public Future<Void> create(NewConversation n) {
    return pool.withTransaction(tx -> insertConversation(tx, n)).recover(PostgresConversationStore::translate);
  }

  private Future<Void> insertConversation(SqlConnection tx, NewConversation n) {
    Buffer convId = buf(n.conv().unsafeBytes());
    Tuple create = Tuple.of(convId, n.convHome(), n.cipherSuite(), buf(n.groupInfo()), buf(n.creator().user().unsafeBytes()),
        buf(n.creator().device().unsafeBytes()), buf(n.creationDigest()), time(n.createdAtMs()));
    return tx.preparedQuery(CREATE).execute(create).compose(rows -> {
      if (rows.rowCount() == 1) {
        return tx.preparedQuery(FIRST_MEMBER).execute(Tuple.of(convId, buf(n.creator().user().unsafeBytes()),
            buf(n.creator().device().unsafeBytes()))).mapEmpty();
      }
      return tx.preparedQuery(CREATOR).execute(Tuple.of(convId)).compose(existing -> {
        Row r = existing.iterator().next();
        boolean repeat = device(r.getBuffer(0), r.getBuffer(1)).equals(n.creator()) && r.getBuffer(2).equals(buf(n.creationDigest()));
        return repeat ? Future.succeededFuture()
            : Future.failedFuture(Rejection.of(ErrorCode.CONVERSATION_EXISTS, "conversation " + n.conv().hex() + " exists"));
      });
    });
  }

  @Override
  public Future<StoredGroupInfo> groupInfo(ConvId conv, UserId requester) {
    return pool.preparedQuery(GROUP_INFO).execute(Tuple.of(buf(conv.unsafeBytes()), buf(requester.unsafeBytes()))).map(rows -> {
      if (rows.size() == 0) throw Rejection.of(ErrorCode.CONVERSATION_NOT_FOUND, "no conversation " + conv.hex());
      Row r = rows.iterator().next();
      if (!r.getBoolean(3)) throw Rejection.of(ErrorCode.NOT_A_MEMBER, "no device of yours is a member (GI-1)");
      return new StoredGroupInfo(conv, r.getLong(1), bytes(r.getBuffer(0)), r.getString(2));
    });
  }

  private static ConversationSnapshot empty() {
    return new ConversationSnapshot(null, null, null, List.of(), Map.of(), 0, Map.of());
  }

  /// A unique violation means a concurrent writer won a race this transaction lost: for a
  /// conversation id that is `CONVERSATION_EXISTS`; the rest are bugs.
  private static <T> Future<T> translate(Throwable t) {
    if (t instanceof PgException pg && "23505".equals(pg.getSqlState()) && pg.getMessage() != null
        && pg.getMessage().contains("conversations_pkey")) {
      return Future.failedFuture(Rejection.of(ErrorCode.CONVERSATION_EXISTS, "the conversation exists"));
    }
    return Future.failedFuture(t);
  }

  private static Buffer[] users(List<Member> members) {
    return members.stream().map(m -> buf(m.device().user().unsafeBytes())).toArray(Buffer[]::new);
  }

  private static Buffer[] devices(List<Member> members) {
    return members.stream().map(m -> buf(m.device().device().unsafeBytes())).toArray(Buffer[]::new);
  }

  private static Buffer[] bufs(List<byte[]> list) {
    return list.stream().map(PostgresConversationStore::buf).toArray(Buffer[]::new);
  }

  private static DeviceKey device(Buffer user, Buffer device) {
    return new DeviceKey(new UserId(user.getBytes()), new DeviceId(device.getBytes()));
  }

  private static ConvId conv(Buffer b) { return b == null ? null : new ConvId(b.getBytes()); }

  private static Buffer buf(byte[] b) { return Buffer.buffer(b); }

  private static Buffer nullable(byte[] b) { return b == null ? null : Buffer.buffer(b); }

  private static byte[] bytes(Buffer b) { return b.getBytes(); }

  private static OffsetDateTime time(long ms) { return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC); }
}
