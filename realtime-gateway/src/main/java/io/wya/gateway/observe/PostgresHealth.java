package io.wya.gateway.observe;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/// PostgreSQL answers a query.
public final class PostgresHealth implements Dependency {
  private final Pool pool;

  public PostgresHealth(Pool pool) {
    this.pool = pool;
  }

  @Override public String name() { return "postgres"; }

  @Override public Future<Void> check() { return pool.query("select 1").execute().mapEmpty(); }
}
