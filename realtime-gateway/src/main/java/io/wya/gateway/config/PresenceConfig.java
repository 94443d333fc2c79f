package io.wya.gateway.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/// Every presence setting (GATEWAY_SPEC §16), validated; each is a `GATEWAY_PRESENCE_*`
/// environment variable with the default in [#DEFAULTS].
///
/// @param topic              `GATEWAY_PRESENCE_TOPIC`: the social node's event topic
/// @param leaseTtl           `GATEWAY_PRESENCE_LEASE_TTL`: a lease lives this long after the last frame (1 s–120 s; 60–120 s in production)
/// @param sweepInterval      `GATEWAY_PRESENCE_SWEEP_INTERVAL`: how often expired leases are collected
/// @param sweepBatch         `GATEWAY_PRESENCE_SWEEP_BATCH`: expired leases collected per Redis call
/// @param maxWatchlist       `GATEWAY_PRESENCE_MAX_WATCHLIST`: users one session may watch (PRS-2)
/// @param watchChanges       `GATEWAY_PRESENCE_WATCH_CHANGES`: watchlist changes per device per window (PRS-3)
/// @param watchWindow        `GATEWAY_PRESENCE_WATCH_WINDOW`
/// @param setRate            `GATEWAY_PRESENCE_SET_RATE`: SetPresence per device per window (PRS-3)
/// @param setWindow          `GATEWAY_PRESENCE_SET_WINDOW`
/// @param maxActivityBytes   `GATEWAY_PRESENCE_MAX_ACTIVITY_BYTES`: UTF-8 bytes of an activity text (PRS-12)
/// @param consumerBatch      `GATEWAY_PRESENCE_CONSUMER_BATCH`: social events applied per projection call
public record PresenceConfig(String topic, Duration leaseTtl, Duration sweepInterval, int sweepBatch, int maxWatchlist,
                             int watchChanges, Duration watchWindow, int setRate, Duration setWindow, int maxActivityBytes,
                             int consumerBatch) {
  /// Every variable with its default, in the order of GATEWAY_SPEC §16.
  public static final Map<String, String> DEFAULTS = defaults();

  public PresenceConfig {
    if (!topic.matches("[A-Za-z0-9._-]{1,249}")) fail("GATEWAY_PRESENCE_TOPIC", "must be a Kafka topic name");
    if (leaseTtl.toMillis() < 1_000 || leaseTtl.compareTo(Duration.ofSeconds(120)) > 0) {
      fail("GATEWAY_PRESENCE_LEASE_TTL", "must be 1s-120s (60s-120s in production)");
    }
    if (sweepInterval.toMillis() < 10 || sweepInterval.compareTo(leaseTtl) > 0) {
      fail("GATEWAY_PRESENCE_SWEEP_INTERVAL", "must be at least 10ms and at most GATEWAY_PRESENCE_LEASE_TTL");
    }
    if (sweepBatch < 1 || sweepBatch > 10_000) fail("GATEWAY_PRESENCE_SWEEP_BATCH", "must be 1-10000");
    if (maxWatchlist < 1 || maxWatchlist > 10_000) fail("GATEWAY_PRESENCE_MAX_WATCHLIST", "must be 1-10000");
    if (watchChanges < 1) fail("GATEWAY_PRESENCE_WATCH_CHANGES", "must be at least 1");
    if (watchWindow.toMillis() < 1) fail("GATEWAY_PRESENCE_WATCH_WINDOW", "must be at least 1ms");
    if (setRate < 1) fail("GATEWAY_PRESENCE_SET_RATE", "must be at least 1");
    if (setWindow.toMillis() < 1) fail("GATEWAY_PRESENCE_SET_WINDOW", "must be at least 1ms");
    if (maxActivityBytes < 0 || maxActivityBytes > 1024) fail("GATEWAY_PRESENCE_MAX_ACTIVITY_BYTES", "must be 0-1024");
    if (consumerBatch < 1 || consumerBatch > 10_000) fail("GATEWAY_PRESENCE_CONSUMER_BATCH", "must be 1-10000");
  }

  /// How often the leases of live sessions are written: a third of the TTL, so that a lease
  /// survives two missed rounds.
  public Duration renewInterval() { return leaseTtl.dividedBy(3); }

  /// Reads the `GATEWAY_PRESENCE_*` variables of `env` (others are ignored; unset or blank means
  /// the default). Unknown `GATEWAY_PRESENCE_*` names are errors: a typo must not fall back silently.
  /// @throws ConfigException naming the first bad variable
  public static PresenceConfig load(Map<String, String> env) {
    for (String key : env.keySet()) {
      if (key.startsWith("GATEWAY_PRESENCE_") && !DEFAULTS.containsKey(key)) fail(key, "unknown variable");
    }
    Reader r = new Reader(env);
    return new PresenceConfig(r.text("GATEWAY_PRESENCE_TOPIC"), r.duration("GATEWAY_PRESENCE_LEASE_TTL"),
        r.duration("GATEWAY_PRESENCE_SWEEP_INTERVAL"), r.integer("GATEWAY_PRESENCE_SWEEP_BATCH"),
        r.integer("GATEWAY_PRESENCE_MAX_WATCHLIST"), r.integer("GATEWAY_PRESENCE_WATCH_CHANGES"),
        r.duration("GATEWAY_PRESENCE_WATCH_WINDOW"), r.integer("GATEWAY_PRESENCE_SET_RATE"),
        r.duration("GATEWAY_PRESENCE_SET_WINDOW"), r.integer("GATEWAY_PRESENCE_MAX_ACTIVITY_BYTES"),
        r.integer("GATEWAY_PRESENCE_CONSUMER_BATCH"));
  }

  public static PresenceConfig defaultConfig() { return load(Map.of()); }

  private static void fail(String variable, String problem) {
    throw new ConfigException(variable, problem);
  }

  private record Reader(Map<String, String> env) {
    String text(String name) {
      String v = env.get(name);
      if (v == null || v.isBlank()) v = DEFAULTS.get(name);
      return v.trim();
    }

    int integer(String name) {
      String v = text(name);
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        fail(name, "not an integer: '" + v + "'");
        return 0;
      }
    }

    Duration duration(String name) {
      String v = text(name);
      try {
        Duration d = ConfigLoader.parseDuration(v);
        if (d.isNegative()) fail(name, "must not be negative");
        return d;
      } catch (DateTimeParseException | ArithmeticException e) {
        fail(name, "not a duration (ISO-8601 like PT90S, or 90s/500ms/10m): '" + v + "'");
        return Duration.ZERO;
      }
    }
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("GATEWAY_PRESENCE_TOPIC", "polycentric.events");
    d.put("GATEWAY_PRESENCE_LEASE_TTL", "PT90S");
    d.put("GATEWAY_PRESENCE_SWEEP_INTERVAL", "PT1S");
    d.put("GATEWAY_PRESENCE_SWEEP_BATCH", "500");
    d.put("GATEWAY_PRESENCE_MAX_WATCHLIST", "256");
    d.put("GATEWAY_PRESENCE_WATCH_CHANGES", "512");
    d.put("GATEWAY_PRESENCE_WATCH_WINDOW", "PT1M");
    d.put("GATEWAY_PRESENCE_SET_RATE", "30");
    d.put("GATEWAY_PRESENCE_SET_WINDOW", "PT1M");
    d.put("GATEWAY_PRESENCE_MAX_ACTIVITY_BYTES", "64");
    d.put("GATEWAY_PRESENCE_CONSUMER_BATCH", "500");
    return Collections.unmodifiableMap(d);
  }
}
