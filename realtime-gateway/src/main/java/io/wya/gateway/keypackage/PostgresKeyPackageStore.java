package io.wya.gateway.keypackage;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.UserId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/// [KeyPackageStore] on PostgreSQL. A claim is one `delete … where ref = (select … for update
/// skip locked) returning`: two claims, on any instances, can never return the same one-time
/// package, and neither waits for the other (KP-7).
public final class PostgresKeyPackageStore implements KeyPackageStore {
  private static final String LOCK_DEVICE = "select 1 from devices where user_id = $1 and device_id = $2 for update";
  private static final String ONE_TIME_COUNT = """
      select count(*) from key_packages where user_id = $1 and device_id = $2 and not last_resort and not_after > $3""";
  private static final String KNOWN_INIT_KEYS = "select init_key from key_packages where init_key = any($1)";
  private static final String DROP_LAST_RESORT = """
      delete from key_packages where user_id = $1 and device_id = $2 and last_resort and cipher_suite = any($3)""";
  private static final String INSERT = """
      insert into key_packages (ref, user_id, device_id, cipher_suite, init_key, last_resort, not_after, uploaded_at, key_package)
      select r, $1, $2, s, i, l, n, $3::timestamptz + (o * interval '1 microsecond'), k
      from unnest($4::bytea[], $5::int[], $6::bytea[], $7::boolean[], $8::timestamptz[], $9::bytea[], $10::int[])
        as t(r, s, i, l, n, k, o)""";
  private static final String REMEMBER_REFS = """
      insert into key_package_refs (ref, user_id, device_id, not_after)
      select r, $1, $2, n from unnest($3::bytea[], $4::timestamptz[]) as t(r, n) on conflict (ref) do nothing""";
  private static final String HAS_LAST_RESORT = """
      select exists (select 1 from key_packages where user_id = $1 and device_id = $2 and last_resort and not_after > $3)""";
  private static final String TAKE_ONE_TIME = """
      delete from key_packages where ref = (
        select ref from key_packages
        where user_id = $1 and device_id = $2 and cipher_suite = $3 and not last_resort and not_after > $4
        order by uploaded_at limit 1 for update skip locked)
      returning key_package, ref""";
  private static final String LAST_RESORT = """
      select key_package, ref from key_packages
      where user_id = $1 and device_id = $2 and cipher_suite = $3 and last_resort and not_after > $4""";
  private static final String SUITE_ONE_TIME_COUNT = """
      select count(*) from key_packages
      where user_id = $1 and device_id = $2 and cipher_suite = $3 and not last_resort and not_after > $4""";
  private static final String DEVICES = "select device_id from devices where user_id = $1 order by registered_at, device_id";
  private static final String COUNTS = """
      select cipher_suite, count(*) filter (where not last_resort), bool_or(last_resort) from key_packages
      where user_id = $1 and device_id = $2 and not_after > $3 group by cipher_suite order by cipher_suite""";
  private static final String PURGE = "delete from key_packages where not_after <= $1";
  private static final String PURGE_REFS = "delete from key_package_refs where not_after <= $1";
  private static final String LEVELS = """
      select count(*) filter (where not last_resort), count(*) filter (where last_resort) from key_packages where not_after > $1""";

  private final Pool pool;

  public PostgresKeyPackageStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Stored> store(DeviceKey owner, List<NewKeyPackage> batch, int maxOneTime, Instant now) {
    Buffer user = buf(owner.user().unsafeBytes());
    Buffer device = buf(owner.device().unsafeBytes());
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK_DEVICE).execute(Tuple.of(user, device))
        .compose(v -> tx.preparedQuery(ONE_TIME_COUNT).execute(Tuple.of(user, device, time(now))))
        .compose(rows -> {
          int current = rows.iterator().next().getLong(0).intValue();
          long adding = batch.stream().filter(k -> !k.lastResort()).count();
          if (current + adding > maxOneTime) return Future.succeededFuture(new Stored.QuotaExceeded(current));
          return insert(tx, user, device, batch, now);
        }))
        .recover(t -> t instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? duplicate(batch).map(index -> (Stored) new Stored.DuplicateInitKey(index))
            : Future.failedFuture(t));
  }

  private Future<Stored> insert(SqlConnection tx, Buffer user, Buffer device, List<NewKeyPackage> batch, Instant now) {
    return tx.preparedQuery(KNOWN_INIT_KEYS).execute(Tuple.of(batch.stream().map(k -> buf(k.initKey())).toArray(Buffer[]::new)))
        .compose(known -> {
          Set<String> stored = new HashSet<>();
          for (Row r : known) stored.add(HexFormat.of().formatHex(r.getBuffer(0).getBytes()));
          for (int i = 0; i < batch.size(); i++) {
            if (stored.contains(HexFormat.of().formatHex(batch.get(i).initKey()))) return Future.succeededFuture(new Stored.DuplicateInitKey(i));
          }
          Integer[] lastResortSuites = batch.stream().filter(NewKeyPackage::lastResort).map(NewKeyPackage::cipherSuite).toArray(Integer[]::new);
          Buffer[] refs = batch.stream().map(k -> buf(k.ref())).toArray(Buffer[]::new);
          OffsetDateTime[] notAfter = batch.stream().map(k -> time(k.notAfter())).toArray(OffsetDateTime[]::new);
          Integer[] order = new Integer[batch.size()];
          Arrays.setAll(order, i -> i);
          Tuple insert = Tuple.tuple().addValue(user).addValue(device).addValue(time(now)).addValue(refs)
              .addValue(batch.stream().map(NewKeyPackage::cipherSuite).toArray(Integer[]::new))
              .addValue(batch.stream().map(k -> buf(k.initKey())).toArray(Buffer[]::new))
              .addValue(batch.stream().map(NewKeyPackage::lastResort).toArray(Boolean[]::new)).addValue(notAfter)
              .addValue(batch.stream().map(k -> buf(k.message())).toArray(Buffer[]::new)).addValue(order);
          return tx.preparedQuery(DROP_LAST_RESORT).execute(Tuple.of(user, device, lastResortSuites))
              .compose(v -> tx.preparedQuery(INSERT).execute(insert))
              .compose(v -> tx.preparedQuery(REMEMBER_REFS).execute(Tuple.of(user, device, refs, notAfter)))
              .compose(v -> tx.preparedQuery(ONE_TIME_COUNT).execute(Tuple.of(user, device, time(now))))
              .compose(count -> tx.preparedQuery(HAS_LAST_RESORT).execute(Tuple.of(user, device, time(now)))
                  .map(lr -> (Stored) new Stored.Ok(count.iterator().next().getLong(0).intValue(), lr.iterator().next().getBoolean(0))));
        });
  }

  /// After a concurrent upload won the init key: the first item whose key is now stored.
  private Future<Integer> duplicate(List<NewKeyPackage> batch) {
    return pool.preparedQuery(KNOWN_INIT_KEYS).execute(Tuple.of(batch.stream().map(k -> buf(k.initKey())).toArray(Buffer[]::new)))
        .map(known -> {
          Set<String> stored = new HashSet<>();
          for (Row r : known) stored.add(HexFormat.of().formatHex(r.getBuffer(0).getBytes()));
          for (int i = 0; i < batch.size(); i++) if (stored.contains(HexFormat.of().formatHex(batch.get(i).initKey()))) return i;
          return 0;
        });
  }

  @Override
  public Future<Claimed> claim(DeviceKey target, int suite, Instant now) {
    Tuple args = Tuple.of(buf(target.user().unsafeBytes()), buf(target.device().unsafeBytes()), suite, time(now));
    return pool.preparedQuery(TAKE_ONE_TIME).execute(args).compose(taken -> {
      if (taken.size() == 1) {
        Row r = taken.iterator().next();
        return left(args).map(n -> new Claimed(target.device(), r.getBuffer(0).getBytes(), r.getBuffer(1).getBytes(), false, n));
      }
      return pool.preparedQuery(LAST_RESORT).execute(args).map(rows -> {
        if (rows.size() == 0) return null;
        Row r = rows.iterator().next();
        return new Claimed(target.device(), r.getBuffer(0).getBytes(), r.getBuffer(1).getBytes(), true, 0);
      });
    });
  }

  private Future<Integer> left(Tuple args) {
    return pool.preparedQuery(SUITE_ONE_TIME_COUNT).execute(args).map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  @Override
  public Future<List<DeviceId>> devicesOf(UserId user) {
    return pool.preparedQuery(DEVICES).execute(Tuple.of(buf(user.unsafeBytes()))).map(rows -> {
      List<DeviceId> out = new ArrayList<>();
      for (Row r : rows) out.add(new DeviceId(r.getBuffer(0).getBytes()));
      return out;
    });
  }

  @Override
  public Future<List<SuiteCount>> counts(DeviceKey device, Instant now) {
    return pool.preparedQuery(COUNTS).execute(Tuple.of(buf(device.user().unsafeBytes()), buf(device.device().unsafeBytes()), time(now)))
        .map(rows -> {
          List<SuiteCount> out = new ArrayList<>();
          for (Row r : rows) out.add(new SuiteCount(r.getInteger(0), r.getLong(1).intValue(), r.getBoolean(2)));
          return out;
        });
  }

  @Override
  public Future<Integer> purgeExpired(Instant now) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(time(now)))
        .compose(deleted -> pool.preparedQuery(PURGE_REFS).execute(Tuple.of(time(now))).map(v -> deleted.rowCount()));
  }

  @Override
  public Future<long[]> poolLevels(Instant now) {
    return pool.preparedQuery(LEVELS).execute(Tuple.of(time(now))).map(rows -> {
      Row r = rows.iterator().next();
      return new long[] {r.getLong(0), r.getLong(1)};
    });
  }

  private static Buffer buf(byte[] b) { return Buffer.buffer(b); }

  private static OffsetDateTime time(Instant t) { return OffsetDateTime.ofInstant(t, ZoneOffset.UTC); }
}
