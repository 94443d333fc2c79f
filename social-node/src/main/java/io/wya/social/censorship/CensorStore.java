package io.wya.social.censorship;

import io.smallrye.mutiny.Uni;
import io.wya.polycentric.EventKey;
import io.wya.polycentric.SystemKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

/// `/censor`: censored systems and events are left out of every read; a system censored with
/// `refuse_storage` also has its new events refused at ingest. Written through Hibernate Reactive
/// (ADR 0104); the reads and ingest that honour censorship are SQL joins on the same tables.
@ApplicationScoped
class CensorStore {
  private final Mutiny.SessionFactory sessions;

  @Inject
  public CensorStore(Mutiny.SessionFactory sessions) { this.sessions = sessions; }

  /// Censors the system, or changes how (a second `/censor` replaces the type).
  public Uni<Void> censor(SystemKey system, String censorshipType) {
    byte[] key = system.key().toByteArray();
    return sessions.withTransaction(session -> session.find(CensoredSystem.class, key).chain(found -> {
      if (found == null) return session.persist(new CensoredSystem(key, censorshipType));
      found.censorshipType = censorshipType;
      return Uni.createFrom().voidItem();
    }));
  }

  public Uni<Void> censor(EventKey event, String censorshipType) {
    var key = new CensoredEvent.Key(event.system().key().toByteArray(), event.process().id().toByteArray(), event.logicalClock());
    return sessions.withTransaction(session -> session.find(CensoredEvent.class, key).chain(found -> {
      if (found == null) return session.persist(new CensoredEvent(key, censorshipType));
      found.censorshipType = censorshipType;
      return Uni.createFrom().voidItem();
    }));
  }
}
