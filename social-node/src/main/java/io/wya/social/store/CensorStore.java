package io.wya.social.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.wya.polycentric.EventKey;
import io.wya.polycentric.SystemKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/// `/censor`: censored systems and events are left out of every read; a system censored with
/// `refuse_storage` also has its new events refused at ingest.
@ApplicationScoped
public class CensorStore {
  private final Pool pool;

  @Inject
  public CensorStore(Pool pool) { this.pool = pool; }

  public Uni<Void> censor(SystemKey system, String censorshipType) {
    return pool.preparedQuery("""
        insert into censored_systems (system, censorship_type) values ($1, $2)
        on conflict (system) do update set censorship_type = excluded.censorship_type""")
        .execute(Tuple.of(Bytes.buffer(system.key()), censorshipType)).replaceWithVoid();
  }

  public Uni<Void> censor(EventKey event, String censorshipType) {
    return pool.preparedQuery("""
        insert into censored_events (system, process, logical_clock, censorship_type) values ($1, $2, $3, $4)
        on conflict (system, process, logical_clock) do update set censorship_type = excluded.censorship_type""")
        .execute(Tuple.of(Bytes.buffer(event.system().key()), Bytes.buffer(event.process().id()), event.logicalClock(), censorshipType))
        .replaceWithVoid();
  }
}
