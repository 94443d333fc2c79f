package io.wya.social.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.wya.social.config.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/// The node's side of owning the topic of accepted events: at start it provisions the topic
/// ([TopicProvisioner]) in the background and retries while Kafka is unreachable; the outbox
/// relay publishes only once that succeeded, so the broker never auto-creates the topic with its
/// default (finite) retention. `social.kafka.manage-topic=false` leaves the topic to the operator.
@ApplicationScoped
public class EventTopic {
  private static final Logger LOG = Logger.getLogger(EventTopic.class);

  private final SocialConfig.Kafka config;
  private final String bootstrap;
  private final Vertx vertx;
  private volatile Admin admin;
  private volatile boolean ready;
  private volatile boolean stopped;

  @Inject
  public EventTopic(SocialConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, Vertx vertx) {
    this.config = config.kafka();
    this.bootstrap = bootstrap;
    this.vertx = vertx;
  }

  /// True once the topic exists with the settings its consumers need (or is not ours to manage).
  public boolean ready() { return ready; }

  void start(@Observes StartupEvent event) {
    if (!config.manageTopic()) {
      ready = true;
      return;
    }
    int timeout = (int) Math.max(1000, config.adminTimeout().toMillis());
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, AdminClientConfig.CLIENT_ID_CONFIG, "social-node-topic",
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout));
    attempt();
  }

  private void attempt() {
    if (stopped) return;
    new TopicProvisioner(admin, config.topic(), config.topicPartitions(), config.topicReplication()).ensure().subscribe().with(outcome -> {
      if (outcome.created()) {
        LOG.infof("created topic %s (%d partitions, replication %d, every event kept)", config.topic(), config.topicPartitions(),
            config.topicReplication());
      } else if (!outcome.reset().isEmpty()) {
        LOG.warnf("topic %s had %s; set back to %s (consumers replay it from the beginning, ADR 0401)", config.topic(), outcome.reset(),
            TopicProvisioner.RETAIN_EVERYTHING);
      }
      ready = true;
    }, failure -> {
      LOG.warnf("topic %s not provisioned yet (%s); stored events wait for it", config.topic(), failure.toString());
      if (!stopped) vertx.setTimer(config.relayInterval().toMillis(), id -> attempt());
    });
  }

  void stop(@Observes ShutdownEvent event) {
    stopped = true;
    if (admin != null) admin.close(Duration.ofSeconds(2));
  }
}
