package io.wya.gateway;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.wya.gateway.auth.Authenticator;
import io.wya.gateway.auth.PostgresDeviceStore;
import io.wya.gateway.auth.RedisResumeTokens;
import io.wya.gateway.config.GatewayConfig;
import io.wya.gateway.conversation.ConversationService;
import io.wya.gateway.conversation.PostgresConversationStore;
import io.wya.gateway.conversation.SendRules;
import io.wya.gateway.fanout.Fanout;
import io.wya.gateway.fanout.RedisBus;
import io.wya.gateway.keypackage.KeyPackageDirectory;
import io.wya.gateway.keypackage.PostgresKeyPackageStore;
import io.wya.gateway.limits.ConnectionCaps;
import io.wya.gateway.limits.RedisPenaltyStore;
import io.wya.gateway.limits.RedisWindowCounter;
import io.wya.gateway.mailbox.PostgresMailboxStore;
import io.wya.gateway.observe.HealthChecks;
import io.wya.gateway.observe.Metrics;
import io.wya.gateway.observe.PostgresHealth;
import io.wya.gateway.observe.RedisHealth;
import io.wya.gateway.presence.PresenceOperations;
import io.wya.gateway.presence.PresenceService;
import io.wya.gateway.session.CoreOperations;
import io.wya.gateway.session.Entropy;
import io.wya.gateway.session.Operations;
import io.wya.gateway.session.SessionRegistry;
import io.wya.gateway.session.SessionServices;
import io.wya.gateway.transport.GatewayVerticle;
import io.wya.gateway.transport.Instance;
import io.wya.gateway.transport.RedisStreamDirectory;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/// The composition root of one gateway instance: builds the adapters and services, deploys one
/// [GatewayVerticle] per event loop, runs retention. Wiring only; no protocol logic here.
public final class Gateway {
  private final Vertx vertx;
  private final GatewayConfig config;
  private final Clock clock;
  private final Pool pool;
  private final Redis redis;
  private final RedisBus bus;
  private final Instance instance;
  private final Operations operations;
  private final PostgresMailboxStore mailbox;
  private final PostgresKeyPackageStore keyPackages;
  private final Metrics metrics;
  private final List<GatewayVerticle> verticles = new CopyOnWriteArrayList<>();
  private PresenceService presence;
  private String deployment;
  private long pruneTimer;

  private Gateway(Vertx vertx, GatewayConfig config, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(config.stores().pgPoolSize()).setMaxWaitQueueSize(100_000))
        .connectingTo(PgConnectOptions.fromUri(config.stores().pgUri()).setCachePreparedStatements(true).setPipeliningLimit(1)).using(vertx).build();
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(config.stores().redisUri()).setMaxPoolSize(8)
        .setMaxWaitingHandlers(100_000).setMaxPoolWaiting(100_000));
    String ns = config.redisNamespace();
    Entropy entropy = Entropy.secure();
    String instanceId = HexFormat.of().formatHex(entropy.bytes(8));
    this.metrics = new Metrics();
    SessionRegistry registry = new SessionRegistry(config.limits().maxConnectionsPerUser());
    Fanout fanout = new Fanout(instanceId, registry, metrics);
    registry.bus(fanout);
    this.mailbox = new PostgresMailboxStore(pool);
    this.keyPackages = new PostgresKeyPackageStore(pool);
    KeyPackageDirectory directory = new KeyPackageDirectory(config, keyPackages, new RedisWindowCounter(redis, ns), registry::push, clock);
    String gatewayId = config.server().gatewayId();
    ConversationService conversations = new ConversationService(gatewayId, config.mls().cipherSuites(),
        config.mls().maxMlsMessageBytes(), new SendRules(gatewayId, config.mls().appEpochGrace(), config.mls().maxPendingProposals(),
        config.mls().maxConversationMembers()), new PostgresConversationStore(pool), fanout, clock, metrics::storeBatch);
    this.operations = CoreOperations.register(new Operations(), conversations, directory);
    SessionServices services = new SessionServices(config, clock, entropy, new Authenticator(gatewayId), new PostgresDeviceStore(pool),
        new RedisResumeTokens(redis, ns), mailbox, directory, new RedisPenaltyStore(redis, ns), registry, metrics, operations);
    this.bus = new RedisBus(vertx, config.stores().redisUri(), ns, instanceId, fanout::received, fanout::resync);
    fanout.bus(bus);
    this.instance = new Instance(services, fanout, new ConnectionCaps(config.limits().maxConnections(),
        config.limits().maxConnectionsPerIp()), new RedisStreamDirectory(redis, ns),
        new HealthChecks(List.of(new PostgresHealth(pool), new RedisHealth(redis))));
  }

  /// Starts an instance on `vertx` (the schema must be migrated: [PostgresMigrations]).
  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, Clock clock) {
    Gateway g = new Gateway(vertx, config, clock);
    g.startPresence();
    return g.bus.start()
        .compose(v -> vertx.deployVerticle(() -> {
          GatewayVerticle verticle = new GatewayVerticle(g.instance);
          g.verticles.add(verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(config.server().eventLoops())))
        .map(id -> {
          g.deployment = id;
          g.pruneTimer = vertx.setPeriodic(config.delivery().pruneInterval().toMillis(), t -> g.prune());
          return g;
        });
  }

  /// Presence (GATEWAY_SPEC §16): its operations join the dispatch table before any client
  /// connects; it starts without waiting for Redis or Kafka and catches up when they answer.
  private void startPresence() {
    presence = PresenceService.start(vertx, redis, new PresenceService.Settings(config.presence(), config.redisNamespace(),
        config.stores().kafkaBootstrap()), clock, new SecureRandom());
    PresenceOperations.register(operations, presence.hub());
    metrics.presence(presence.hub()::pushes, presence.hub()::sessionCount, presence.consumer()::appliedOperations,
        presence.consumer()::invalidRecords, presence.consumer()::rebuilds);
  }

  /// The dispatch table, for features that add operations (presence) before clients connect.
  public Operations operations() { return operations; }

  /// The port the instance listens on.
  public int port() { return verticles.getFirst().port(); }

  public Metrics metrics() { return metrics; }

  /// Presence of this instance (GATEWAY_SPEC §16).
  public PresenceService presence() { return presence; }

  /// Retention and KeyPackage expiry now (RET-1, KP-9); returns the entries deleted.
  public Future<Integer> prune() {
    java.time.Instant now = clock.instant();
    return mailbox.prune(now.minus(config.delivery().retentionMinAge()), now.minus(config.delivery().retentionMaxAge()))
        .compose(n -> keyPackages.purgeExpired(now).compose(k -> keyPackages.poolLevels(now)).map(levels -> {
          metrics.keyPackagePool(levels[0], levels[1]);
          metrics.pruned(n);
          return n;
        }));
  }

  /// Stops admitting connections (HTTP-2: 503) and answers readiness with 503, as the first
  /// step of a stop; open sessions continue until [#stop].
  public void drain() {
    instance.drain();
  }

  /// Stops admitting, closes every session with GOING_AWAY after flushing acks (CLOSE-2), then
  /// releases the servers and clients.
  public Future<Void> stop() {
    instance.drain();
    vertx.cancelTimer(pruneTimer);
    return Future.join(verticles.stream().map(GatewayVerticle::goAway).toList())
        .compose(v -> deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment))
        .compose(v -> presence == null ? Future.succeededFuture() : presence.stop())
        .compose(v -> bus.close())
        .compose(v -> Future.join(pool.close(), redis.close()))
        .mapEmpty();
  }
}
