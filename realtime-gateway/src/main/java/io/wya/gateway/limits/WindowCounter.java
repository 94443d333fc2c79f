package io.wya.gateway.limits;

import io.vertx.core.Future;
import java.time.Duration;

/// A fixed-window counter shared by every instance (claim rate, KP-11).
public interface WindowCounter {
  /// The window's count after this hit, and the time until the window ends.
  record Count(long count, long remainingMs) {}

  /// Counts one hit on `key` in a window of `window` that starts with the key's first hit.
  Future<Count> hit(String key, Duration window);
}
