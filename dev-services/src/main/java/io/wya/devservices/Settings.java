package io.wya.devservices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/// Ports, paths and credentials of the local stack, read from environment variables so that the
/// launcher, `./wya`, the test suite and the services themselves agree on one set of values.
public record Settings(
    Path repoRoot,
    Path home,
    int postgresPort,
    int redisPort,
    int kafkaPort,
    int kafkaControllerPort,
    int socialNodePort,
    int gatewayPort,
    String databaseUser,
    String databasePassword,
    String socialDatabase,
    String gatewayDatabase,
    Path systemPostgresBin,
    Path systemRedisServer,
    String postgresSharedBuffers,
    String postgresMaxWalSize) {

  /// Below Linux's ephemeral range (32768–60999 by default): a listening port inside it can be
  /// taken, for a while, by the local end of any outgoing connection (one of Kafka's, or a probe of
  /// ours), and `services up` then fails with "port in use" although nothing listens on it.
  public static final int FIRST_EPHEMERAL_PORT = 32768;
  public static final int DEFAULT_POSTGRES_PORT = 25432;
  public static final int DEFAULT_REDIS_PORT = 26379;
  public static final int DEFAULT_KAFKA_PORT = 29092;
  public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 29093;
  public static final int DEFAULT_SOCIAL_NODE_PORT = 8081;
  public static final int DEFAULT_GATEWAY_PORT = 8082;
  /// PostgreSQL's own default (128 MB) is smaller than the indexes a benchmark's ingest touches,
  /// so every backend spends its time evicting and re-reading pages (BENCHMARKS.md, social-node).
  public static final String DEFAULT_POSTGRES_SHARED_BUFFERS = "512MB";
  /// PostgreSQL's own 1 GB started a checkpoint every ~500,000 ingested events, and after each
  /// one the first change of every page is logged as a full page image: 0.054 images per event
  /// (≈ 15% of the WAL) against 0.004 with 4 GB (BENCHMARKS.md, social-node, ADR 0116). WAL
  /// only grows to this size under a sustained write load, and is recycled after a checkpoint.
  public static final String DEFAULT_POSTGRES_MAX_WAL_SIZE = "4GB";

  public static Settings fromEnvironment() {
    return from(System.getenv(), System.getProperty("wya.repo.root"));
  }

  static Settings from(Map<String, String> env, String repoRootProperty) {
    Path repoRoot = Path.of(firstNonBlank(repoRootProperty, env.get("WYA_REPO_ROOT"), ".")).toAbsolutePath().normalize();
    Path home = Path.of(firstNonBlank(env.get("WYA_HOME"), repoRoot.resolve(".wya").toString())).toAbsolutePath().normalize();
    return new Settings(
        repoRoot,
        home,
        port(env, "WYA_PG_PORT", DEFAULT_POSTGRES_PORT),
        port(env, "WYA_REDIS_PORT", DEFAULT_REDIS_PORT),
        port(env, "WYA_KAFKA_PORT", DEFAULT_KAFKA_PORT),
        port(env, "WYA_KAFKA_CONTROLLER_PORT", DEFAULT_KAFKA_CONTROLLER_PORT),
        port(env, "WYA_SOCIAL_PORT", DEFAULT_SOCIAL_NODE_PORT),
        port(env, "WYA_GATEWAY_PORT", DEFAULT_GATEWAY_PORT),
        firstNonBlank(env.get("WYA_PG_USER"), "wya"),
        firstNonBlank(env.get("WYA_PG_PASSWORD"), "wya"),
        firstNonBlank(env.get("WYA_PG_SOCIAL_DB"), "wya_social"),
        firstNonBlank(env.get("WYA_PG_GATEWAY_DB"), "wya_gateway"),
        optionalPath(env.get("WYA_PG_BIN")),
        optionalPath(env.get("WYA_REDIS_SERVER")),
        size("WYA_PG_SHARED_BUFFERS", firstNonBlank(env.get("WYA_PG_SHARED_BUFFERS"), DEFAULT_POSTGRES_SHARED_BUFFERS)),
        size("WYA_PG_MAX_WAL_SIZE", firstNonBlank(env.get("WYA_PG_MAX_WAL_SIZE"), DEFAULT_POSTGRES_MAX_WAL_SIZE)));
  }

  public Path runDir() { return home.resolve("run"); }

  public Path logDir() { return home.resolve("logs"); }

  public Path binDir() { return home.resolve("bin"); }

  /// The file the test suite reads to find the services (see `io.wya.testkit.LocalServices`).
  public Path endpointsFile() { return home.resolve("services.properties"); }

  public String postgresJdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
  }

  public String postgresUri(String database) {
    return "postgresql://127.0.0.1:" + postgresPort + "/" + database;
  }

  public String redisUri() { return "redis://127.0.0.1:" + redisPort; }

  public String kafkaBootstrap() { return "127.0.0.1:" + kafkaPort; }

  private static int port(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) return fallback;
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 1 || port > 65535) throw new NumberFormatException();
      return port;
    } catch (NumberFormatException e) {
      throw new LauncherException(name + "=" + value + " is not a TCP port (1-65535)");
    }
  }

  /// A size PostgreSQL accepts for a memory or WAL setting: a number with kB, MB or GB (it is put
  /// on the server's command line, so nothing else may pass).
  private static String size(String name, String value) {
    String size = value.trim();
    if (!size.matches("[1-9][0-9]{0,6}(kB|MB|GB)")) {
      throw new LauncherException(name + "=" + value + " is not a size such as 512MB or 2GB");
    }
    return size;
  }

  private static Path optionalPath(String value) {
    if (value == null || value.isBlank()) return null;
    Path path = Path.of(value);
    if (!Files.exists(path)) throw new LauncherException(value + " does not exist");
    return path;
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) if (value != null && !value.isBlank()) return value;
    return null;
  }
}
