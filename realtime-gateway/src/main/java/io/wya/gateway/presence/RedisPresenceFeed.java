package io.wya.gateway.presence;

import io.vertx.core.Future;
import io.wya.gateway.protocol.UserId;
import io.wya.gateway.redis.RedisSubscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// [PresenceFeed] over Redis pub/sub: one channel per followed user, on the instance's shared
/// subscriber connection.
public final class RedisPresenceFeed implements PresenceFeed {
  private static final Logger LOG = LoggerFactory.getLogger(RedisPresenceFeed.class);

  private final RedisSubscriber subscriber;
  private final String channelPrefix;
  private final List<Consumer<PresenceChange>> handlers = new CopyOnWriteArrayList<>();

  public RedisPresenceFeed(RedisSubscriber subscriber, String channelPrefix) {
    this.subscriber = subscriber;
    this.channelPrefix = channelPrefix;
  }

  @Override public Future<Void> follow(UserId user) {
    return subscriber.subscribe(channelPrefix + user.hex(), message -> {
      PresenceView view;
      try {
        view = PresenceView.decode(message);
      } catch (RuntimeException e) {
        LOG.warn("presence: unreadable change of {}: {}", user, e.toString());
        return;
      }
      PresenceChange change = new PresenceChange(user, view);
      handlers.forEach(h -> h.accept(change));
    });
  }

  @Override public void unfollow(UserId user) { subscriber.unsubscribe(channelPrefix + user.hex()); }

  @Override public void onChange(Consumer<PresenceChange> handler) { handlers.add(handler); }

  @Override public void onResync(Runnable handler) { subscriber.onResync(handler); }
}
