package io.wya.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test void defaultsAreTheProjectPorts() {
    Settings s = Settings.from(Map.of(), "/repo");
    assertThat(s.home()).isEqualTo(Path.of("/repo/.wya"));
    assertThat(s.postgresPort()).isEqualTo(25432);
    assertThat(s.redisPort()).isEqualTo(26379);
    assertThat(s.kafkaPort()).isEqualTo(29092);
    assertThat(s.socialNodePort()).isEqualTo(8081);
    assertThat(s.gatewayPort()).isEqualTo(8082);
    assertThat(s.postgresUri("wya_social")).isEqualTo("postgresql://127.0.0.1:25432/wya_social");
    assertThat(s.postgresSharedBuffers()).isEqualTo("512MB");
    assertThat(s.postgresMaxWalSize()).isEqualTo("4GB");
  }

  @Test void defaultPortsStayBelowTheEphemeralRangeSoOutgoingConnectionsNeverHoldThem() {
    Settings s = Settings.from(Map.of(), "/repo");
    assertThat(List.of(s.postgresPort(), s.redisPort(), s.kafkaPort(), s.kafkaControllerPort(), s.socialNodePort(), s.gatewayPort()))
        .allMatch(port -> port < Settings.FIRST_EPHEMERAL_PORT);
  }

  @Test void sharedBuffersMoveWithTheEnvironmentAndOnlyAcceptASize() {
    assertThat(Settings.from(Map.of("WYA_PG_SHARED_BUFFERS", "2GB"), "/repo").postgresSharedBuffers()).isEqualTo("2GB");
    assertThatThrownBy(() -> Settings.from(Map.of("WYA_PG_SHARED_BUFFERS", "1GB -c fsync=off"), "/repo"))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("WYA_PG_SHARED_BUFFERS=1GB -c fsync=off");
  }

  @Test void maxWalSizeMovesWithTheEnvironmentAndOnlyAcceptsASize() {
    assertThat(Settings.from(Map.of("WYA_PG_MAX_WAL_SIZE", "1GB"), "/repo").postgresMaxWalSize()).isEqualTo("1GB");
    assertThatThrownBy(() -> Settings.from(Map.of("WYA_PG_MAX_WAL_SIZE", "4GB -c fsync=off"), "/repo"))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("WYA_PG_MAX_WAL_SIZE=4GB -c fsync=off");
  }

  @Test void environmentOverridesPortsAndHome() {
    Settings s = Settings.from(Map.of("WYA_HOME", "/state", "WYA_REDIS_PORT", "6000"), "/repo");
    assertThat(s.home()).isEqualTo(Path.of("/state"));
    assertThat(s.redisUri()).isEqualTo("redis://127.0.0.1:6000");
  }

  @Test void aPortThatIsNotAPortNamesTheVariable() {
    assertThatThrownBy(() -> Settings.from(Map.of("WYA_KAFKA_PORT", "70000"), "/repo"))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("WYA_KAFKA_PORT=70000");
  }
}
