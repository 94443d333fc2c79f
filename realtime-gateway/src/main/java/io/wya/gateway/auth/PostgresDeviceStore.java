package io.wya.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.wya.gateway.protocol.DeviceKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/// [DeviceStore] on PostgreSQL. New registrations of one user are serialised by a transaction
/// advisory lock on the user, so the device limit holds under concurrent logins.
public final class PostgresDeviceStore implements DeviceStore {
  private static final String KNOWN = "select 1 from devices where user_id = $1 and device_id = $2";
  private static final String LOCK_USER = "select pg_advisory_xact_lock(hashtextextended(encode($1, 'hex'), 42))";
  private static final String COUNT = "select count(*) from devices where user_id = $1";
  private static final String INSERT = "insert into devices (user_id, device_id, registered_at) values ($1, $2, $3) on conflict do nothing";

  private final Pool pool;

  public PostgresDeviceStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Registration> register(DeviceKey device, int maxPerUser, Instant now) {
    Buffer user = Buffer.buffer(device.user().unsafeBytes());
    Buffer id = Buffer.buffer(device.device().unsafeBytes());
    return pool.preparedQuery(KNOWN).execute(Tuple.of(user, id)).compose(known -> known.size() > 0
        ? Future.succeededFuture(Registration.EXISTING)
        : pool.withTransaction(tx -> tx.preparedQuery(LOCK_USER).execute(Tuple.of(user))
            .compose(v -> tx.preparedQuery(KNOWN).execute(Tuple.of(user, id)))
            .compose(again -> {
              if (again.size() > 0) return Future.succeededFuture(Registration.EXISTING);
              return tx.preparedQuery(COUNT).execute(Tuple.of(user)).compose(count -> {
                if (count.iterator().next().getLong(0) >= maxPerUser) return Future.succeededFuture(Registration.LIMIT_REACHED);
                return tx.preparedQuery(INSERT).execute(Tuple.of(user, id, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                    .map(Registration.REGISTERED);
              });
            })));
  }
}
