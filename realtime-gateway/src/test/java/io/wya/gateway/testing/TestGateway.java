package io.wya.gateway.testing;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.wya.gateway.Gateway;
import io.wya.gateway.PostgresMigrations;
import io.wya.gateway.client.GatewayClient;
import io.wya.gateway.config.ConfigLoader;
import io.wya.gateway.config.GatewayConfig;
import io.wya.testkit.LocalServices;
import io.wya.testkit.TestDatabase;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/// A gateway instance in this JVM on the real local PostgreSQL and Redis, with its own
/// database and Redis prefix (or those of a sibling, for several instances of one deployment).
/// Configuration goes through the same [ConfigLoader] as production, from an env map.
public final class TestGateway implements AutoCloseable {
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final Gateway gateway;
  private final Map<String, String> env;
  private final TestClock clock;
  private final GatewayConfig config;
  private final TestDatabase db;
  private final String ownTopic;

  private TestGateway(Map<String, String> env, TestClock clock, TestDatabase db, String ownTopic) {
    this.db = db;
    this.ownTopic = ownTopic;
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.config = ConfigLoader.load(env);
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(2, config.server().eventLoops())));
    try {
      this.gateway = Gateway.start(vertx, config, clock).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("gateway did not start: " + e, e);
    }
  }

  /// A first instance with a fresh database and Redis prefix; `overrides` are `GATEWAY_*` variables.
  public static TestGateway start(String purpose, Map<String, String> overrides) {
    return start(purpose, overrides, TestClock.following());
  }

  public static TestGateway start(String purpose, Map<String, String> overrides, TestClock clock) {
    LocalServices services = LocalServices.require();
    TestDatabase db = services.freshDatabase("gw_" + purpose);
    PostgresMigrations.apply(db.reactiveUrlWithCredentials());
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_HTTP_HOST", "127.0.0.1");
    env.put("GATEWAY_HTTP_PORT", "0");
    env.put("GATEWAY_EVENT_LOOPS", "1");
    env.put("GATEWAY_ID", "gw_test");
    env.put("GATEWAY_PG_URI", db.reactiveUrlWithCredentials());
    env.put("GATEWAY_PG_POOL_SIZE", "4");
    env.put("GATEWAY_REDIS_URI", services.redisUri());
    env.put("GATEWAY_REDIS_PREFIX", LocalServices.uniqueName("t_gw") + ":");
    env.put("GATEWAY_KAFKA_BOOTSTRAP", services.kafkaBootstrap());
    // presence consumes a social event topic of this deployment's own, created empty on first use
    env.put("GATEWAY_PRESENCE_TOPIC", LocalServices.uniqueName("t_gw_events").replace('_', '.'));
    String generated = env.get("GATEWAY_PRESENCE_TOPIC");
    env.putAll(overrides);
    boolean own = generated.equals(env.get("GATEWAY_PRESENCE_TOPIC"));
    if (own) createTopic(services.kafkaBootstrap(), generated);
    return new TestGateway(env, clock, db, own ? generated : null);
  }

  /// Another instance of the same deployment (same database, Redis prefix and gateway id).
  public TestGateway sibling(Map<String, String> overrides) {
    Map<String, String> e = new HashMap<>(env);
    e.putAll(overrides);
    return new TestGateway(e, clock, db, null);
  }

  /// Runs one SQL query on the instance's database (JDBC, test thread) and returns the first
  /// column of the first row, or null.
  public Object query(String sql, Object... args) {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         java.sql.PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
      try (java.sql.ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /// Polls `sql` until it returns `expected` (a condition, not a sleep), or fails after [#TIMEOUT].
  public void awaitQuery(Object expected, String sql, Object... args) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    Object last = null;
    while (System.nanoTime() < deadline) {
      last = query(sql, args);
      if (java.util.Objects.equals(expected, last)) return;
      Thread.sleep(20);
    }
    throw new AssertionError("expected " + expected + " from " + sql + ", last saw " + last);
  }

  public URI base() { return URI.create("http://127.0.0.1:" + gateway.port()); }

  public Gateway gateway() { return gateway; }

  public GatewayConfig config() { return config; }

  public TestClock clock() { return clock; }

  public String env(String name) { return env.get(name); }

  public GatewayClient connect(GatewayClient.Transport transport) throws Exception {
    return GatewayClient.connect(base(), transport, TIMEOUT);
  }

  /// A connection authenticated as `device`.
  public GatewayClient login(MlsDevice device, GatewayClient.Transport transport) throws Exception {
    GatewayClient c = connect(transport);
    c.authenticate(device.key(), device.signer(), TIMEOUT);
    return c;
  }

  /// Stops the instance (sessions get GOING_AWAY) and its Vert.x.
  @Override
  public void close() {
    try {
      gateway.stop().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("test gateway did not stop cleanly: " + e);
    } finally {
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // best effort
      }
      if (ownTopic != null) deleteTopic(ownTopic);
    }
  }

  /// An empty social event topic configured as the social node's must be (every event kept).
  private static void createTopic(String bootstrap, String topic) {
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1)
          .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1")))).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not create the presence topic " + topic + ": " + e, e);
    }
  }

  /// The presence topic this deployment's first instance created (siblings share it; the first deletes it).
  private void deleteTopic(String topic) {
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", env.get("GATEWAY_KAFKA_BOOTSTRAP")))) {
      admin.deleteTopics(java.util.List.of(topic)).all().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // never created (no consumer got that far) or already gone
    }
  }
}
