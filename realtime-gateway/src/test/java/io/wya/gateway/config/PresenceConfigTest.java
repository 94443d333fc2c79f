package io.wya.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PresenceConfigTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    PresenceConfig c = PresenceConfig.defaultConfig();
    assertThat(c.topic()).isEqualTo("polycentric.events");
    assertThat(c.leaseTtl()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.renewInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.sweepInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.sweepBatch()).isEqualTo(500);
    assertThat(c.maxWatchlist()).isEqualTo(256);
    assertThat(c.watchChanges()).isEqualTo(512);
    assertThat(c.watchWindow()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.setRate()).isEqualTo(30);
    assertThat(c.setWindow()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.maxActivityBytes()).isEqualTo(64);
    assertThat(c.consumerBatch()).isEqualTo(500);
  }

  @Test
  void everyVariableIsRead() {
    PresenceConfig c = PresenceConfig.load(Map.ofEntries(
        Map.entry("GATEWAY_PRESENCE_TOPIC", "events.test"),
        Map.entry("GATEWAY_PRESENCE_LEASE_TTL", "3s"),
        Map.entry("GATEWAY_PRESENCE_SWEEP_INTERVAL", "100ms"),
        Map.entry("GATEWAY_PRESENCE_SWEEP_BATCH", "7"),
        Map.entry("GATEWAY_PRESENCE_MAX_WATCHLIST", "3"),
        Map.entry("GATEWAY_PRESENCE_WATCH_CHANGES", "9"),
        Map.entry("GATEWAY_PRESENCE_WATCH_WINDOW", "PT10S"),
        Map.entry("GATEWAY_PRESENCE_SET_RATE", "2"),
        Map.entry("GATEWAY_PRESENCE_SET_WINDOW", "5s"),
        Map.entry("GATEWAY_PRESENCE_MAX_ACTIVITY_BYTES", "8"),
        Map.entry("GATEWAY_PRESENCE_CONSUMER_BATCH", "50"),
        Map.entry("GATEWAY_HTTP_PORT", "1"), Map.entry("PATH", "/bin")));
    assertThat(c).isEqualTo(new PresenceConfig("events.test", Duration.ofSeconds(3), Duration.ofMillis(100), 7, 3, 9,
        Duration.ofSeconds(10), 2, Duration.ofSeconds(5), 8, 50));
    assertThat(PresenceConfig.DEFAULTS).hasSize(11);
  }

  @ParameterizedTest
  @CsvSource({
      "GATEWAY_PRESENCE_TOPIC, 'no spaces'",
      "GATEWAY_PRESENCE_LEASE_TTL, 500ms",
      "GATEWAY_PRESENCE_LEASE_TTL, 121s",
      "GATEWAY_PRESENCE_LEASE_TTL, soon",
      "GATEWAY_PRESENCE_SWEEP_INTERVAL, 5ms",
      "GATEWAY_PRESENCE_SWEEP_INTERVAL, 100s",
      "GATEWAY_PRESENCE_SWEEP_BATCH, 0",
      "GATEWAY_PRESENCE_MAX_WATCHLIST, 0",
      "GATEWAY_PRESENCE_MAX_WATCHLIST, many",
      "GATEWAY_PRESENCE_WATCH_CHANGES, 0",
      "GATEWAY_PRESENCE_WATCH_WINDOW, 0s",
      "GATEWAY_PRESENCE_SET_RATE, 0",
      "GATEWAY_PRESENCE_SET_WINDOW, 0ms",
      "GATEWAY_PRESENCE_MAX_ACTIVITY_BYTES, 2000",
      "GATEWAY_PRESENCE_CONSUMER_BATCH, 0",
      "GATEWAY_PRESENCE_TTL, 90s"})
  void badValuesNameTheirVariable(String variable, String value) {
    assertThatThrownBy(() -> PresenceConfig.load(Map.of(variable, value)))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith(variable + ":");
  }

  @Test
  void blankMeansDefault() {
    assertThat(PresenceConfig.load(Map.of("GATEWAY_PRESENCE_MAX_WATCHLIST", " ")).maxWatchlist()).isEqualTo(256);
  }
}
