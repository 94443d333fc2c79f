package io.wya.gateway;

import io.vertx.pgclient.PgConnectOptions;
import io.wya.gateway.config.ConfigException;
import org.flywaydb.core.Flyway;

/// Applies the versioned schema (`db/migration`) over JDBC, once, before the server listens
/// (ADR 0206). The only blocking database access of the gateway: it runs on the main thread.
public final class PostgresMigrations {
  private PostgresMigrations() {}

  /// Migrates the database named by a `GATEWAY_PG_URI`; returns how many migrations ran.
  public static int apply(String pgUri) {
    PgConnectOptions o;
    try {
      o = PgConnectOptions.fromUri(pgUri);
    } catch (RuntimeException e) {
      throw new ConfigException("GATEWAY_PG_URI", "not a PostgreSQL URI: " + e.getMessage());
    }
    String jdbc = "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase();
    return Flyway.configure().dataSource(jdbc, o.getUser(), o.getPassword()).locations("classpath:db/migration")
        .load().migrate().migrationsExecuted;
  }
}
