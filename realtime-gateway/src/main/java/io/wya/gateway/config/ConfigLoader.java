package io.wya.gateway.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Reads [GatewayConfig] from environment variables (OPS-3). Every variable of GATEWAY_SPEC §15
/// is in [#DEFAULTS]; a variable that is set but empty counts as unset, an unknown `GATEWAY_*`
/// variable is an error (a typo must not silently fall back to a default).
public final class ConfigLoader {
  /// Every variable the gateway reads, with its default, in the order of GATEWAY_SPEC §15.
  public static final Map<String, String> DEFAULTS = defaults();

  private static final Pattern UNIT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final Map<String, String> env;

  private ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  /// Loads from the process environment.
  public static GatewayConfig fromEnvironment() {
    return load(System.getenv());
  }

  /// Loads from `env` (only `GATEWAY_*` keys are looked at).
  /// @throws ConfigException naming the first bad variable
  public static GatewayConfig load(Map<String, String> env) {
    for (String key : env.keySet()) {
      if (key.startsWith("GATEWAY_") && !DEFAULTS.containsKey(key)) throw new ConfigException(key, "unknown variable");
    }
    ConfigLoader l = new ConfigLoader(env);
    int cores = Runtime.getRuntime().availableProcessors();
    return new GatewayConfig(
        new GatewayConfig.Server(l.text("GATEWAY_ID"), l.text("GATEWAY_HTTP_HOST"), l.integer("GATEWAY_HTTP_PORT"),
            l.raw("GATEWAY_EVENT_LOOPS").isEmpty() ? cores : l.integer("GATEWAY_EVENT_LOOPS")),
        new GatewayConfig.Stores(l.text("GATEWAY_PG_URI"), l.integer("GATEWAY_PG_POOL_SIZE"), l.text("GATEWAY_REDIS_URI"),
            l.text("GATEWAY_REDIS_PREFIX"), l.text("GATEWAY_KAFKA_BOOTSTRAP")),
        new GatewayConfig.Mls(l.suites("GATEWAY_MLS_CIPHER_SUITES"), l.integer("GATEWAY_MAX_MLS_MESSAGE_BYTES"),
            l.integer("GATEWAY_MAX_CONVERSATION_MEMBERS"), l.integer("GATEWAY_MAX_PENDING_PROPOSALS"),
            l.integer("GATEWAY_APP_EPOCH_GRACE")),
        new GatewayConfig.KeyPackages(l.integer("GATEWAY_MAX_KEY_PACKAGES_PER_UPLOAD"),
            l.integer("GATEWAY_MAX_KEY_PACKAGES_PER_DEVICE"), l.duration("GATEWAY_KEY_PACKAGE_MAX_LIFETIME"),
            l.duration("GATEWAY_KEY_PACKAGE_CLOCK_SKEW"), l.integer("GATEWAY_KEY_PACKAGE_LOW_WATERMARK"),
            l.integer("GATEWAY_CLAIM_RATE"), l.duration("GATEWAY_CLAIM_WINDOW")),
        new GatewayConfig.Sessions(l.integer("GATEWAY_MAX_DEVICES_PER_USER"), l.duration("GATEWAY_AUTH_TIMEOUT"),
            l.duration("GATEWAY_RESUME_TOKEN_TTL"), l.duration("GATEWAY_HEARTBEAT_INTERVAL"),
            l.duration("GATEWAY_HEARTBEAT_TIMEOUT"), l.duration("GATEWAY_OPERATION_TIMEOUT")),
        new GatewayConfig.Limits(l.integer("GATEWAY_MAX_FRAME_BYTES"), l.integer("GATEWAY_FRAME_RATE"),
            l.integer("GATEWAY_FRAME_BURST"), l.integer("GATEWAY_SEND_RATE"), l.integer("GATEWAY_SEND_BURST"),
            l.integer("GATEWAY_MAX_CONNECTIONS"), l.integer("GATEWAY_MAX_CONNECTIONS_PER_IP"),
            l.integer("GATEWAY_MAX_CONNECTIONS_PER_USER"), l.raw("GATEWAY_CLIENT_IP_HEADER"),
            l.integer("GATEWAY_PENALTY_STRIKES"), l.duration("GATEWAY_PENALTY_WINDOW"), l.duration("GATEWAY_PENALTY_BASE"),
            l.duration("GATEWAY_PENALTY_MAX")),
        new GatewayConfig.Delivery(l.integer("GATEWAY_WRITE_QUEUE_BYTES"), l.integer("GATEWAY_REPLAY_BATCH"),
            l.duration("GATEWAY_ACK_FLUSH_INTERVAL"), l.duration("GATEWAY_RETENTION_MIN_AGE"),
            l.duration("GATEWAY_RETENTION_MAX_AGE"), l.duration("GATEWAY_PRUNE_INTERVAL")),
        PresenceConfig.load(env));
  }

  /// Parses an ISO-8601 duration (`PT25S`, `P7D`) or a number with a unit (`25s`, `500ms`,
  /// `10m`, `2h`, `7d`).
  public static Duration parseDuration(String text) {
    String t = text.trim();
    Matcher m = UNIT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    return Duration.parse(t.toUpperCase(Locale.ROOT));
  }

  private String raw(String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) value = DEFAULTS.get(name);
    return value.trim();
  }

  private String text(String name) {
    String value = raw(name);
    if (value.isEmpty()) throw new ConfigException(name, "must be set");
    return value;
  }

  private int integer(String name) {
    String value = text(name);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "not an integer: '" + value + "'");
    }
  }

  private Duration duration(String name) {
    String value = text(name);
    try {
      Duration d = parseDuration(value);
      if (d.isNegative()) throw new ConfigException(name, "must not be negative");
      return d;
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new ConfigException(name, "not a duration (ISO-8601 like PT25S, or 25s/500ms/10m/2h/7d): '" + value + "'");
    }
  }

  private Set<Integer> suites(String name) {
    Set<Integer> suites = new LinkedHashSet<>();
    for (String part : text(name).split(",")) {
      try {
        suites.add(Integer.parseInt(part.trim()));
      } catch (NumberFormatException e) {
        throw new ConfigException(name, "not a comma-separated list of suite numbers: '" + raw(name) + "'");
      }
    }
    return suites;
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("GATEWAY_ID", "gw_local");
    d.put("GATEWAY_HTTP_PORT", "8082");
    d.put("GATEWAY_HTTP_HOST", "0.0.0.0");
    d.put("GATEWAY_PG_URI", "postgresql://wya:wya@127.0.0.1:25432/wya_gateway");
    d.put("GATEWAY_PG_POOL_SIZE", "8");
    d.put("GATEWAY_REDIS_URI", "redis://127.0.0.1:26379");
    d.put("GATEWAY_REDIS_PREFIX", "wya:gw:");
    d.put("GATEWAY_KAFKA_BOOTSTRAP", "127.0.0.1:29092");
    d.put("GATEWAY_EVENT_LOOPS", "");
    d.put("GATEWAY_MLS_CIPHER_SUITES", "1");
    d.put("GATEWAY_MAX_FRAME_BYTES", "1048576");
    d.put("GATEWAY_MAX_MLS_MESSAGE_BYTES", "262144");
    d.put("GATEWAY_MAX_KEY_PACKAGES_PER_UPLOAD", "100");
    d.put("GATEWAY_MAX_KEY_PACKAGES_PER_DEVICE", "500");
    d.put("GATEWAY_KEY_PACKAGE_MAX_LIFETIME", "P90D");
    d.put("GATEWAY_KEY_PACKAGE_CLOCK_SKEW", "PT5M");
    d.put("GATEWAY_KEY_PACKAGE_LOW_WATERMARK", "10");
    d.put("GATEWAY_CLAIM_RATE", "60");
    d.put("GATEWAY_CLAIM_WINDOW", "PT1M");
    d.put("GATEWAY_MAX_DEVICES_PER_USER", "20");
    d.put("GATEWAY_MAX_CONVERSATION_MEMBERS", "1000");
    d.put("GATEWAY_MAX_PENDING_PROPOSALS", "100");
    d.put("GATEWAY_APP_EPOCH_GRACE", "1");
    d.put("GATEWAY_AUTH_TIMEOUT", "PT10S");
    d.put("GATEWAY_RESUME_TOKEN_TTL", "PT10M");
    d.put("GATEWAY_HEARTBEAT_INTERVAL", "PT25S");
    d.put("GATEWAY_HEARTBEAT_TIMEOUT", "PT75S");
    d.put("GATEWAY_OPERATION_TIMEOUT", "PT15S");
    d.put("GATEWAY_FRAME_RATE", "100");
    d.put("GATEWAY_FRAME_BURST", "200");
    d.put("GATEWAY_SEND_RATE", "30");
    d.put("GATEWAY_SEND_BURST", "60");
    d.put("GATEWAY_MAX_CONNECTIONS", "18000");
    d.put("GATEWAY_MAX_CONNECTIONS_PER_IP", "18000");
    d.put("GATEWAY_MAX_CONNECTIONS_PER_USER", "20");
    d.put("GATEWAY_CLIENT_IP_HEADER", "");
    d.put("GATEWAY_PENALTY_STRIKES", "20");
    d.put("GATEWAY_PENALTY_WINDOW", "PT1M");
    d.put("GATEWAY_PENALTY_BASE", "PT10S");
    d.put("GATEWAY_PENALTY_MAX", "PT1H");
    d.put("GATEWAY_WRITE_QUEUE_BYTES", "262144");
    d.put("GATEWAY_REPLAY_BATCH", "200");
    d.put("GATEWAY_ACK_FLUSH_INTERVAL", "PT1S");
    d.put("GATEWAY_RETENTION_MIN_AGE", "P7D");
    d.put("GATEWAY_RETENTION_MAX_AGE", "P90D");
    d.put("GATEWAY_PRUNE_INTERVAL", "PT10M");
    d.putAll(PresenceConfig.DEFAULTS); // GATEWAY_SPEC §16.7
    return Collections.unmodifiableMap(d);
  }
}
