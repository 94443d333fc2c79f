package io.wya.gateway.presence;

import io.vertx.core.Future;
import io.wya.gateway.protocol.UserId;
import java.util.function.Consumer;

/// One instance's subscription to view changes (Redis pub/sub, one channel per user): an instance
/// follows exactly the users its sessions watch (PRS-9). Delivery is at most once; after a gap
/// (reconnect) the resync handlers run so that the hub re-reads what it may have missed.
public interface PresenceFeed {
  /// Starts receiving `user`'s changes; completes once a change published afterwards will arrive.
  Future<Void> follow(UserId user);

  void unfollow(UserId user);

  void onChange(Consumer<PresenceChange> handler);

  void onResync(Runnable handler);
}
