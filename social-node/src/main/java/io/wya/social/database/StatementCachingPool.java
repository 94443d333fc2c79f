package io.wya.social.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import io.wya.social.config.SocialConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/// Creates the reactive PostgreSQL pool (Quarkus calls this instead of its default) with a
/// prepared-statement cache that holds the ingest statement: the client only caches SQL shorter
/// than `preparedStatementCacheSqlLimit` (2,048 characters by default) and silently sends longer
/// statements unnamed, to be parsed and planned again on every execution. Everything else comes
/// from the `quarkus.datasource.reactive.*` settings Quarkus has already applied.
@Singleton
public class StatementCachingPool implements PgPoolCreator {
  private final int sqlLimit;

  @Inject
  public StatementCachingPool(SocialConfig config) {
    this.sqlLimit = config.database().statementCacheSqlLimit();
  }

  @Override
  public Pool create(Input input) {
    List<SqlConnectOptions> servers = new ArrayList<>();
    for (PgConnectOptions options : input.pgConnectOptionsList()) servers.add(options.setPreparedStatementCacheSqlLimit(sqlLimit));
    return PgBuilder.pool().with(input.poolOptions()).connectingTo(servers).using(input.vertx()).build();
  }
}
