package io.wya.gateway.presence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.wya.gateway.config.PresenceConfig;
import io.wya.gateway.contacts.ContactFlip;
import io.wya.gateway.contacts.RedisContactsProjection;
import io.wya.gateway.contacts.SocialGraphConsumer;
import io.wya.gateway.redis.RedisSubscriber;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Presence as one instance runs it: the Redis adapters, the hub, the social event consumer and
/// the two timers (renewals every TTL/3, sweeps every `GATEWAY_PRESENCE_SWEEP_INTERVAL`). The
/// gateway's composition root starts one per instance and hands [#hub()] to its sessions.
public final class PresenceService {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);

  private final Vertx vertx;
  private final PresenceHub hub;
  private final RedisContactsProjection projection;
  private final SocialGraphConsumer consumer;
  private final RedisSubscriber subscriber;
  private final long renewTimer;
  private final long sweepTimer;

  private PresenceService(Vertx vertx, PresenceHub hub, RedisContactsProjection projection, SocialGraphConsumer consumer,
                          RedisSubscriber subscriber, long renewTimer, long sweepTimer) {
    this.vertx = vertx;
    this.hub = hub;
    this.projection = projection;
    this.consumer = consumer;
    this.subscriber = subscriber;
    this.renewTimer = renewTimer;
    this.sweepTimer = sweepTimer;
  }

  /// Everything presence needs from the gateway.
  ///
  /// @param namespace      the deployment's Redis prefix (`GATEWAY_REDIS_PREFIX` + gateway id + `:`)
  /// @param kafkaBootstrap `GATEWAY_KAFKA_BOOTSTRAP`
  public record Settings(PresenceConfig config, String namespace, String kafkaBootstrap) {}

  /// Wires presence for one instance. Never fails and never waits for Redis or Kafka: the
  /// subscriber and the consumer connect in the background and retry, so that an instance starts
  /// (and reports itself not ready, OPS-1) while a dependency is down. The flips channel is
  /// subscribed before the consumer applies anything, so no watch can miss a flip.
  public static PresenceService start(Vertx vertx, Redis redis, Settings settings, Clock clock, RandomGenerator random) {
    PresenceConfig config = settings.config();
    RedisContactsProjection projection = new RedisContactsProjection(redis, settings.namespace(), config.topic(), random);
    RedisPresenceStore store = new RedisPresenceStore(redis, settings.namespace(), config.leaseTtl());
    RedisSubscriber subscriber = RedisSubscriber.startInBackground(vertx, redis);
    PresenceHub hub = new PresenceHub(config, clock, store, new RedisPresenceFeed(subscriber, store.channelPrefix()), projection,
        new RedisRateLimiter(redis, settings.namespace()));
    subscriber.subscribe(projection.flipsChannel(), message -> hub.onFlip(ContactFlip.decode(message)));
    SocialGraphConsumer consumer = SocialGraphConsumer.start(vertx, SocialGraphConsumer.kafkaConfig(settings.kafkaBootstrap(),
        settings.namespace() + "contacts-v" + RedisContactsProjection.VERSION, config.consumerBatch()), config.topic(), projection);
    long renew = vertx.setPeriodic(config.renewInterval().toMillis(), t -> hub.renewRound()
        .onFailure(e -> LOG.warn("presence renewals failed: {}", e.toString())));
    long sweep = vertx.setPeriodic(config.sweepInterval().toMillis(), t -> hub.sweepRound()
        .onFailure(e -> LOG.warn("presence sweep failed: {}", e.toString())));
    return new PresenceService(vertx, hub, projection, consumer, subscriber, renew, sweep);
  }

  public PresenceHub hub() { return hub; }

  public SocialGraphConsumer consumer() { return consumer; }

  public RedisContactsProjection projection() { return projection; }

  public RedisSubscriber subscriber() { return subscriber; }

  /// Stops timers, the consumer and the subscriber. Leases of sessions still attached are left to
  /// expire (a crash looks the same); a graceful shutdown detaches its sessions first.
  public Future<Void> stop() {
    vertx.cancelTimer(renewTimer);
    vertx.cancelTimer(sweepTimer);
    return consumer.stop().eventually(subscriber::close);
  }
}
