package io.wya.social.health;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.sqlclient.Pool;
import io.wya.social.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/// Quick probes of the node's dependencies for Polycentric's `GET /health` (the `/q/health`
/// readiness checks come from the Quarkus extensions).
@ApplicationScoped
public class DependencyChecks {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Inject Pool pool;
  @Inject Redis redis;
  @Inject OutboxRelay relay;

  public Uni<Boolean> database() {
    return pool.query("select 1").execute().map(r -> true).ifNoItem().after(TIMEOUT).fail().onFailure().recoverWithItem(false);
  }

  public Uni<Boolean> redis() {
    return redis.send(Request.cmd(Command.PING)).map(r -> true).ifNoItem().after(TIMEOUT).fail().onFailure().recoverWithItem(false);
  }

  /// Whether the outbox relay's last send to Kafka succeeded.
  public boolean kafka() { return relay.kafkaReachable(); }
}
