package io.wya.testkit;

/// A throwaway database on the local PostgreSQL (see [LocalServices#freshDatabase]).
public record TestDatabase(String name, String host, int port, String user, String password) {
  public String jdbcUrl() { return "jdbc:postgresql://" + host + ":" + port + "/" + name; }

  /// The URI form the Vert.x and Quarkus reactive clients take, without credentials.
  public String reactiveUrl() { return "postgresql://" + host + ":" + port + "/" + name; }

  /// The URI form with credentials, as the gateway's `GATEWAY_PG_URI` takes it.
  public String reactiveUrlWithCredentials() {
    return "postgresql://" + user + ":" + password + "@" + host + ":" + port + "/" + name;
  }
}
