package io.wya.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static String problemWith(Map<String, String> env) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(env));
    return e == null ? null : e.variable();
  }

  @Test
  @DisplayName("OPS-3 a missing, invalid or unknown variable fails the load with an error naming it")
  void badValuesNameTheirVariable() {
    assertThat(problemWith(Map.of("GATEWAY_FRAME_RATE", "fast"))).isEqualTo("GATEWAY_FRAME_RATE");
    assertThat(problemWith(Map.of("GATEWAY_FRAME_RATE", "0"))).isEqualTo("GATEWAY_FRAME_RATE");
    assertThat(problemWith(Map.of("GATEWAY_HEARTBEAT_TIMEOUT", "10s"))).isEqualTo("GATEWAY_HEARTBEAT_TIMEOUT");
    assertThat(problemWith(Map.of("GATEWAY_MLS_CIPHER_SUITES", "1,2"))).isEqualTo("GATEWAY_MLS_CIPHER_SUITES");
    assertThat(problemWith(Map.of("GATEWAY_PG_URI", "mysql://x"))).isEqualTo("GATEWAY_PG_URI");
    assertThat(problemWith(Map.of("GATEWAY_ID", "has space"))).isEqualTo("GATEWAY_ID");
    assertThat(problemWith(Map.of("GATEWAY_RETENTION_MAX_AGE", "1h"))).isEqualTo("GATEWAY_RETENTION_MAX_AGE");
    assertThat(problemWith(Map.of("GATEWAY_PENALTY_MAX", "1s"))).isEqualTo("GATEWAY_PENALTY_MAX");
    assertThat(problemWith(Map.of("GATEWAY_AUTH_TIMEOUT", "soon"))).isEqualTo("GATEWAY_AUTH_TIMEOUT");
    assertThat(problemWith(Map.of("GATEWAY_TYPO", "1"))).isEqualTo("GATEWAY_TYPO");
    assertThat(problemWith(Map.of("GATEWAY_WRITE_QUEUE_BYTES", "10"))).isEqualTo("GATEWAY_WRITE_QUEUE_BYTES");
    assertThat(problemWith(Map.of("PATH", "/bin", "GATEWAY_FRAME_RATE", ""))).as("empty means default; others are ignored").isNull();
  }

  @Test
  @DisplayName("durations are ISO-8601 or a number with ms, s, m, h or d")
  void durations() {
    assertThat(ConfigLoader.parseDuration("PT25S")).isEqualTo(Duration.ofSeconds(25));
    assertThat(ConfigLoader.parseDuration("P7D")).isEqualTo(Duration.ofDays(7));
    assertThat(ConfigLoader.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ConfigLoader.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(ConfigLoader.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(ConfigLoader.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
    GatewayConfig c = ConfigLoader.load(Map.of("GATEWAY_HEARTBEAT_INTERVAL", "2s", "GATEWAY_HEARTBEAT_TIMEOUT", "PT6S"));
    assertThat(c.sessions().heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.sessions().heartbeatTimeout()).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  @DisplayName("the defaults work with the local services and match the variable table of GATEWAY_SPEC.md")
  void defaultsMatchTheSpec() throws IOException {
    GatewayConfig d = GatewayConfig.defaults();
    assertThat(d.server().gatewayId()).isEqualTo("gw_local");
    assertThat(d.server().httpPort()).isEqualTo(8082);
    assertThat(d.stores().pgUri()).isEqualTo("postgresql://wya:wya@127.0.0.1:25432/wya_gateway");
    assertThat(d.server().eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(d.redisNamespace()).isEqualTo("wya:gw:gw_local:");

    String spec = Files.readString(Path.of(System.getProperty("wya.repo.root", "../"), "GATEWAY_SPEC.md"));
    Map<String, String> table = new LinkedHashMap<>();
    Matcher row = Pattern.compile("(?m)^\\| (`GATEWAY_[A-Z_]+`(?: / `GATEWAY_[A-Z_]+`)*) \\| ([^|]+) \\|").matcher(spec);
    while (row.find()) {
      String[] names = row.group(1).replace("`", "").split(" / ");
      String[] defaults = row.group(2).trim().replace("`", "").split(" / ");
      for (int i = 0; i < names.length; i++) table.put(names[i], defaults.length == names.length ? defaults[i] : defaults[0]);
    }
    assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(ConfigLoader.DEFAULTS.keySet());
    table.forEach((name, value) -> {
      String expected = switch (value) {
        case "empty", "number of cores" -> "";
        default -> value;
      };
      assertThat(ConfigLoader.DEFAULTS.get(name)).as(name).isEqualTo(expected);
    });
  }
}
