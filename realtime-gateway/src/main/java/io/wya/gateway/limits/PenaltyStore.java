package io.wya.gateway.limits;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/// Bars of penalised devices and client addresses, shared by every instance (LIM-4).
public interface PenaltyStore {
  /// How long `subject` is still barred, in ms (0 when not barred).
  Future<Long> barredForMs(String subject);

  /// Records one penalty for each subject and bars it for `base × 2^(n−1)` (capped at `max`),
  /// where `n` counts its penalties of the last 24 h. Returns the longest bar set, in ms.
  Future<Long> penalize(List<String> subjects, Duration base, Duration max);
}
