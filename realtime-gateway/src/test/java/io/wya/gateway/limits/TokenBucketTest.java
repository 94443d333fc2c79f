package io.wya.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  @Test
  @DisplayName("LIM-1 a bucket gives its burst at once, then its rate, and says how long to wait")
  void burstThenRate() {
    TokenBucket b = new TokenBucket(10, 3, 0);
    assertThat(b.take(0)).isZero();
    assertThat(b.take(0)).isZero();
    assertThat(b.take(0)).isZero();
    assertThat(b.take(0)).isEqualTo(100);
    assertThat(b.take(50)).isEqualTo(50);
    assertThat(b.take(100)).isZero();
    assertThat(b.take(10_000)).isZero();
    assertThat(b.take(10_000)).isZero();
    assertThat(b.take(10_000)).isZero();
    assertThat(b.take(10_000)).as("never more than the burst").isPositive();
  }

  @Test
  @DisplayName("LIM-4 strikes count inside a sliding window; zero strikes disables penalties")
  void strikes() {
    Strikes s = new Strikes(3, 1000);
    assertThat(s.strike(0)).isFalse();
    assertThat(s.strike(500)).isFalse();
    assertThat(s.strike(1200)).as("the first strike left the window").isFalse();
    assertThat(s.strike(1300)).isTrue();
    Strikes off = new Strikes(0, 1000);
    for (int i = 0; i < 100; i++) assertThat(off.strike(i)).isFalse();
  }
}
