package io.wya.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/// The local PostgreSQL, Redis and Kafka, as `./wya services up` describes them in
/// `.wya/services.properties`. [#require()] starts them with that script when they are not up.
public final class LocalServices {
  /// Test databases left behind by a killed run are dropped once they are this old.
  private static final Duration ABANDONED_DATABASE_AGE = Duration.ofHours(6);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static volatile LocalServices instance;

  private final Path repoRoot;
  private final Properties endpoints;
  private final List<String> createdDatabases = new ArrayList<>();

  private LocalServices(Path repoRoot, Properties endpoints) {
    this.repoRoot = repoRoot;
    this.endpoints = endpoints;
  }

  /// The running services; starts them through `./wya services up` when any is unreachable.
  public static LocalServices require() {
    LocalServices current = instance;
    if (current != null) return current;
    synchronized (LocalServices.class) {
      if (instance == null) {
        Path root = findRepoRoot();
        Properties endpoints = readEndpoints(root);
        LocalServices services = endpoints == null ? null : new LocalServices(root, endpoints);
        if (services == null || !services.reachable()) {
          runWya(root, "services", "up");
          services = new LocalServices(root, readEndpoints(root));
          if (!services.reachable()) throw new IllegalStateException("./wya services up ran but the services are not reachable");
        }
        services.dropAbandonedDatabases();
        LocalServices created = services;
        Runtime.getRuntime().addShutdownHook(new Thread(created::dropCreatedDatabases, "testkit-drop-databases"));
        instance = services;
      }
      return instance;
    }
  }

  public Path repoRoot() { return repoRoot; }

  public String postgresHost() { return endpoints.getProperty("postgres.host", "127.0.0.1"); }

  public int postgresPort() { return Integer.parseInt(endpoints.getProperty("postgres.port")); }

  public String postgresUser() { return endpoints.getProperty("postgres.user"); }

  public String postgresPassword() { return endpoints.getProperty("postgres.password"); }

  public String redisUri() { return endpoints.getProperty("redis.uri"); }

  public String kafkaBootstrap() { return endpoints.getProperty("kafka.bootstrap"); }

  /// A name no other test run uses: `prefix` + time + random suffix (lower case, `[a-z0-9_]`).
  public static String uniqueName(String prefix) {
    byte[] random = new byte[4];
    RANDOM.nextBytes(random);
    return prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_" + Instant.now().getEpochSecond()
        + "_" + HexFormat.of().formatHex(random);
  }

  /// Creates an empty database owned by the WYA role, dropped when the JVM exits.
  public TestDatabase freshDatabase(String purpose) {
    String name = uniqueName("t_" + purpose);
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name + ": " + e.getMessage(), e);
    }
    synchronized (createdDatabases) {
      createdDatabases.add(name);
    }
    return new TestDatabase(name, postgresHost(), postgresPort(), postgresUser(), postgresPassword());
  }

  /// Drops a database created by [#freshDatabase], ending its sessions.
  public void dropDatabase(TestDatabase database) {
    drop(database.name());
    synchronized (createdDatabases) {
      createdDatabases.remove(database.name());
    }
  }

  private Connection connect(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", postgresUser());
    props.setProperty("password", postgresPassword());
    props.setProperty("connectTimeout", "5");
    return DriverManager.getConnection("jdbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/" + database, props);
  }

  private boolean reachable() {
    try (Connection c = connect("postgres")) {
      URI redis = URI.create(redisUri());
      String[] kafka = kafkaBootstrap().split(":");
      return c.isValid(2) && listening(redis.getHost(), redis.getPort()) && listening(kafka[0], Integer.parseInt(kafka[1]));
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  private void dropAbandonedDatabases() {
    long cutoff = Instant.now().minus(ABANDONED_DATABASE_AGE).getEpochSecond();
    List<String> abandoned = new ArrayList<>();
    try (Connection c = connect("postgres"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select datname from pg_database where datname like 't\\_%'")) {
      while (rs.next()) {
        String name = rs.getString(1);
        String[] parts = name.split("_");
        if (parts.length < 3) continue;
        try {
          if (Long.parseLong(parts[parts.length - 2]) < cutoff) abandoned.add(name);
        } catch (NumberFormatException ignored) {
          // not one of ours
        }
      }
    } catch (SQLException e) {
      return;
    }
    abandoned.forEach(this::drop);
  }

  private void dropCreatedDatabases() {
    List<String> names;
    synchronized (createdDatabases) {
      names = List.copyOf(createdDatabases);
    }
    names.forEach(this::drop);
  }

  private void drop(String name) {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + name + " with (force)");
    } catch (SQLException e) {
      System.err.println("testkit: could not drop test database " + name + ": " + e.getMessage());
    }
  }

  private static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static Path findRepoRoot() {
    String configured = System.getProperty("wya.repo.root", System.getenv("WYA_REPO_ROOT"));
    if (configured != null && !configured.isBlank()) return Path.of(configured).toAbsolutePath().normalize();
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isExecutable(p.resolve("wya")) && Files.exists(p.resolve("pom.xml"))) return p;
    }
    throw new IllegalStateException("cannot find the WYA checkout; set -Dwya.repo.root");
  }

  private static Properties readEndpoints(Path root) {
    String home = System.getenv("WYA_HOME");
    Path file = (home == null || home.isBlank() ? root.resolve(".wya") : Path.of(home)).resolve("services.properties");
    if (!Files.exists(file)) return null;
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new IllegalStateException("could not read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void runWya(Path root, String... args) {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("wya").toString());
    command.addAll(List.of(args));
    Subprocess.runOrFail(command, root, Map.of(), Duration.ofMinutes(10));
  }

}
