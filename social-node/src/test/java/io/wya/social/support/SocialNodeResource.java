package io.wya.social.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.wya.testkit.LocalServices;
import io.wya.testkit.PrivateKafka;
import io.wya.testkit.TestDatabase;
import java.util.HashMap;
import java.util.Map;

/// The real services for the one Quarkus start all social-node tests share: a fresh database on
/// the local PostgreSQL, the shared Redis under a unique key prefix, and a private Kafka broker
/// (the outbox test stops and restarts it) with a unique topic.
public class SocialNodeResource implements QuarkusTestResourceLifecycleManager {
  public static final String ADMIN_TOKEN = "test-admin-token";
  /// Low enough that a test reaches it with a few batches, high enough for every other test.
  public static final int EVENTS_PER_SYSTEM = 200;
  /// Small, so that a test reaches it with a few words.
  public static final int MAX_SIMILAR_WORDS = 4;
  /// Write transactions at once: fixed, so GroupCommitIT can occupy them all.
  public static final int WRITE_TRANSACTIONS = 2;

  private static volatile PrivateKafka kafka;
  private static volatile String topic;
  private static volatile String redisPrefix;
  private static volatile TestDatabase sharedDatabase;
  private LocalServices services;
  private TestDatabase database;

  public static PrivateKafka kafka() { return kafka; }

  public static String topic() { return topic; }

  public static String redisPrefix() { return redisPrefix; }

  /// The node's database, for tests that check what was (not) stored where no read shows it.
  public static TestDatabase database() { return sharedDatabase; }

  @Override public Map<String, String> start() {
    services = LocalServices.require();
    database = services.freshDatabase("social");
    sharedDatabase = database;
    kafka = PrivateKafka.startNew();
    topic = LocalServices.uniqueName("polycentric_events");
    redisPrefix = LocalServices.uniqueName("t_social") + ":";
    Map<String, String> config = new HashMap<>();
    config.put("quarkus.datasource.reactive.url", database.reactiveUrl());
    config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
    config.put("quarkus.datasource.username", database.user());
    config.put("quarkus.datasource.password", database.password());
    config.put("quarkus.redis.hosts", services.redisUri());
    config.put("kafka.bootstrap.servers", kafka.bootstrap());
    config.put("social.kafka.topic", topic);
    config.put("social.cache.key-prefix", redisPrefix);
    config.put("social.admin.token", ADMIN_TOKEN);
    config.put("social.rate-limit.ingest-events-per-system", Integer.toString(EVENTS_PER_SYSTEM));
    config.put("social.rate-limit.ingest-requests-per-ip", "1000000");
    config.put("social.kafka.relay-interval", "300ms");
    config.put("social.search.max-similar-words", Integer.toString(MAX_SIMILAR_WORDS));
    config.put("social.ingest.write-transactions", Integer.toString(WRITE_TRANSACTIONS));
    return config;
  }

  @Override public void stop() {
    if (kafka != null) kafka.close();
    if (database != null) services.dropDatabase(database);
  }
}
