package io.wya.social.store;

import com.google.protobuf.ByteString;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import io.wya.polycentric.SystemKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/// Handles (`/claim_handle`, `/resolve_handle`) and purges (`/purge`).
@ApplicationScoped
public class IdentityStore {
  private final Pool pool;

  @Inject
  public IdentityStore(Pool pool) { this.pool = pool; }

  /// Binds `handle` to `system`, replacing the system's previous handle; false when another
  /// system holds it.
  public Uni<Boolean> claimHandle(String handle, SystemKey system) {
    var key = Bytes.buffer(system.key());
    return pool.withTransaction(conn -> conn.preparedQuery("delete from identity_handles where system = $1").execute(Tuple.of(key))
            .chain(() -> conn.preparedQuery("insert into identity_handles (handle, system) values ($1, $2)").execute(Tuple.of(handle, key))))
        .replaceWith(true)
        .onFailure(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())).recoverWithItem(false);
  }

  public Uni<Optional<ByteString>> resolveHandle(String handle) {
    return pool.preparedQuery("select system from identity_handles where handle = $1").execute(Tuple.of(handle))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Bytes.bytes(rows.iterator().next().getBuffer("system"))));
  }

  /// Removes every event of the system (references, opinions, claims, search documents and
  /// deletions go with them); returns how many events were removed.
  public Uni<Integer> purge(SystemKey system) {
    return pool.preparedQuery("delete from events where system = $1").execute(Tuple.of(Bytes.buffer(system.key()))).map(r -> r.rowCount());
  }
}
