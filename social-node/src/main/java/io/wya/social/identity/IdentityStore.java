package io.wya.social.identity;

import com.google.protobuf.ByteString;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import io.wya.polycentric.SystemKey;
import io.wya.social.database.Bytes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Optional;
import org.hibernate.reactive.mutiny.Mutiny;

/// Handles (`/claim_handle`, `/resolve_handle`) through Hibernate Reactive, and purges (`/purge`):
/// a bulk delete of a system's events, in SQL on the pool (ADR 0104).
@ApplicationScoped
class IdentityStore {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String PURGE = """
      with gone as (delete from events where system = $1 returning id),
      gone_references as (delete from event_references r using gone where r.event_id = gone.id),
      gone_claims as (delete from claims c using gone where c.event_id = gone.id),
      gone_search as (delete from search_documents d using gone where d.event_id = gone.id)
      select count(*)::int4 as removed from gone""";

  private final Mutiny.SessionFactory sessions;
  private final Pool pool;

  @Inject
  public IdentityStore(Mutiny.SessionFactory sessions, Pool pool) {
    this.sessions = sessions;
    this.pool = pool;
  }

  /// Binds `handle` to `system`, replacing the system's previous handle; false when another
  /// system holds it.
  public Uni<Boolean> claimHandle(String handle, SystemKey system) {
    byte[] key = system.key().toByteArray();
    return sessions.withTransaction(session -> session.createMutationQuery("delete from IdentityHandle h where h.system = :system")
            .setParameter("system", key).executeUpdate()
            .chain(() -> session.persist(new IdentityHandle(handle, key)))
            .chain(session::flush))
        .replaceWith(true)
        .onFailure(IdentityStore::handleTaken).recoverWithItem(false);
  }

  public Uni<Optional<ByteString>> resolveHandle(String handle) {
    return sessions.withSession(session -> session.find(IdentityHandle.class, handle))
        .map(found -> Optional.ofNullable(found).map(h -> ByteString.copyFrom(h.system)));
  }

  /// Removes every event of the system with its references, claims and search documents (here,
  /// ADR 0111) and its LWW elements and deletions (their foreign keys cascade); returns how many
  /// events were removed.
  public Uni<Integer> purge(SystemKey system) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(Bytes.buffer(system.key()))).map(rows -> rows.iterator().next().getInteger("removed"));
  }

  /// A unique violation: the handle belongs to another system. Hibernate Reactive reports it as a
  /// `ConstraintViolationException` over a `java.sql.SQLException` carrying PostgreSQL's state.
  private static boolean handleTaken(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) return true;
      if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) return true;
    }
    return false;
  }
}
