package io.wya.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.protocol.LastSeen;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LastSeenBucketsTest {
  private static final long NOW = 1_700_000_000_000L;

  @Test
  @DisplayName("PRS-7 last seen is only ever a coarse bucket: just now, today, this week, earlier")
  void bucketsAreCoarse() {
    assertThat(LastSeenBuckets.bucket(NOW, NOW)).isEqualTo(LastSeen.JUST_NOW);
    assertThat(LastSeenBuckets.bucket(NOW - 5 * 60_000 + 1, NOW)).isEqualTo(LastSeen.JUST_NOW);
    assertThat(LastSeenBuckets.bucket(NOW - 5 * 60_000, NOW)).isEqualTo(LastSeen.TODAY);
    assertThat(LastSeenBuckets.bucket(NOW - 24 * 3_600_000L + 1, NOW)).isEqualTo(LastSeen.TODAY);
    assertThat(LastSeenBuckets.bucket(NOW - 24 * 3_600_000L, NOW)).isEqualTo(LastSeen.THIS_WEEK);
    assertThat(LastSeenBuckets.bucket(NOW - 7 * 24 * 3_600_000L + 1, NOW)).isEqualTo(LastSeen.THIS_WEEK);
    assertThat(LastSeenBuckets.bucket(NOW - 7 * 24 * 3_600_000L, NOW)).isEqualTo(LastSeen.EARLIER);
    assertThat(LastSeenBuckets.bucket(0, NOW)).isEqualTo(LastSeen.EARLIER);
    assertThat(LastSeenBuckets.bucket(NOW + 1_000, NOW)).as("a clock skew between instances").isEqualTo(LastSeen.JUST_NOW);
  }
}
