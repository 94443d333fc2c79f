package io.wya.devservices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/// PostgreSQL from the binaries jar (or the system's, with `WYA_PG_BIN`), one cluster under
/// `WYA_HOME/postgres`, TCP on loopback only. Owns the role the services log in with and their two
/// databases (one per owning service).
final class PostgresService implements LocalService {
  static final String BINARIES_VERSION = "18.6.0";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  /// With PostgreSQL's 5 minutes a benchmark's run met a timed checkpoint, and with it a burst of
  /// full page images, whatever `max_wal_size` allowed; 15 minutes bounds crash recovery the same way.
  static final String CHECKPOINT_TIMEOUT = "15min";

  private final Settings settings;
  private final Path root;
  private final Path data;

  PostgresService(Settings settings) {
    this.settings = settings;
    this.root = Unprivileged.reachableDirectory(settings.home().resolve("postgres"));
    this.data = root.resolve("data");
  }

  @Override public String name() { return "postgres"; }

  @Override public String endpoint() { return "127.0.0.1:" + settings.postgresPort(); }

  @Override public Status status() {
    Optional<ProcessHandle> running = postmaster();
    if (running.isPresent()) {
      return new Status(State.RUNNING, "pid " + running.get().pid() + ", data " + data);
    }
    if (!Ports.canBind(settings.postgresPort())) return new Status(State.PORT_TAKEN, "port " + settings.postgresPort() + " is held by another process");
    return new Status(State.STOPPED, Files.exists(data.resolve("PG_VERSION")) ? "data kept in " + data : "not initialised");
  }

  @Override public String start() {
    if (postmaster().isPresent()) {
      Readiness.await("postgres", READY_TIMEOUT, this::acceptsQueries, () -> postmaster().isPresent());
      ensureRoleAndDatabases();
      return "already running";
    }
    Ports.requireFree(settings.postgresPort(), "postgres", "WYA_PG_PORT");
    Path bin = binaries();
    boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
    if (fresh) initialise(bin);
    Path serverLog = root.resolve("server.log");
    List<String> pgCtl = new ArrayList<>(List.of("setsid"));
    pgCtl.addAll(Unprivileged.command(List.of(
        bin.resolve("bin/pg_ctl").toString(), "start", "-w", "-t", Long.toString(READY_TIMEOUT.toSeconds()),
        "-D", data.toString(), "-l", serverLog.toString(),
        "-o", "-p " + settings.postgresPort() + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
            + " -c shared_buffers=" + settings.postgresSharedBuffers() + " -c max_wal_size=" + settings.postgresMaxWalSize()
            + " -c checkpoint_timeout=" + CHECKPOINT_TIMEOUT)));
    try {
      Commands.run(pgCtl, root, READY_TIMEOUT.plusSeconds(10));
    } catch (LauncherException e) {
      throw new LauncherException(e.getMessage() + "\n(server log: " + serverLog + ")", e);
    }
    Readiness.await("postgres", READY_TIMEOUT, this::acceptsQueries, () -> postmaster().isPresent());
    ensureRoleAndDatabases();
    return (fresh ? "initialised and started" : "started") + " (data in " + data + ", log " + serverLog + ")";
  }

  @Override public boolean stop() {
    Optional<ProcessHandle> running = postmaster();
    if (running.isEmpty()) return false;
    try {
      Commands.run(Unprivileged.command(List.of(binaries().resolve("bin/pg_ctl").toString(), "stop", "-m", "fast", "-w", "-D", data.toString())),
          root, Duration.ofSeconds(60));
    } catch (LauncherException e) {
      ManagedProcess.terminate(running.get(), Duration.ofSeconds(20));
    }
    return true;
  }

  /// The server's first process, from PostgreSQL's own pid file, if it is the one serving our data.
  private Optional<ProcessHandle> postmaster() {
    return new ManagedProcess(data.resolve("postmaster.pid"), data.toString()).running();
  }

  private Path binaries() {
    if (settings.systemPostgresBin() != null) {
      Path bin = settings.systemPostgresBin();
      // accept either the bin directory itself or its parent
      return Files.exists(bin.resolve("bin/pg_ctl")) ? bin : bin.getParent();
    }
    Unprivileged.ownedDirectory(root);
    return BundledBinaries.postgres(root.resolveSibling("bin"), BINARIES_VERSION);
  }

  private void initialise(Path bin) {
    Unprivileged.ownedDirectory(root);
    Path passwordFile = root.resolve("superuser.password");
    Path initdbPasswordFile = root.resolve(".initdb-password");
    try {
      String password = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(16));
      Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(passwordFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      Files.writeString(initdbPasswordFile, password, StandardCharsets.UTF_8);
      Unprivileged.giveTo(initdbPasswordFile);
      BundledBinaries.deleteRecursively(data);
      Commands.run(Unprivileged.command(List.of(
          bin.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres",
          "--pwfile=" + initdbPasswordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions")),
          root, Duration.ofMinutes(2));
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new LauncherException("could not initialise PostgreSQL in " + data + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(initdbPasswordFile);
      } catch (IOException ignored) {
        // best effort: the file only ever held the superuser password of a loopback-only server
      }
    }
  }

  private Connection superuser(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("password", superuserPassword());
    props.setProperty("connectTimeout", "2");
    return DriverManager.getConnection(settings.postgresJdbcUrl(database), props);
  }

  private String superuserPassword() {
    try {
      return Files.readString(root.resolve("superuser.password"), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new LauncherException("missing " + root.resolve("superuser.password") + "; remove " + data + " to re-initialise", e);
    }
  }

  private boolean acceptsQueries() {
    try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
      return s.execute("select 1");
    } catch (SQLException e) {
      return false;
    }
  }

  private void ensureRoleAndDatabases() {
    try (Connection c = superuser("postgres")) {
      boolean roleExists;
      try (PreparedStatement q = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
        q.setString(1, settings.databaseUser());
        roleExists = q.executeQuery().next();
      }
      try (Statement s = c.createStatement()) {
        String password = settings.databasePassword().replace("'", "''");
        String role = quoteIdentifier(settings.databaseUser());
        s.execute((roleExists ? "alter role " : "create role ") + role + " login createdb password '" + password + "'");
        for (String database : List.of(settings.socialDatabase(), settings.gatewayDatabase())) {
          try (PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            q.setString(1, database);
            if (!q.executeQuery().next()) s.execute("create database " + quoteIdentifier(database) + " owner " + role);
          }
        }
      }
    } catch (SQLException e) {
      throw new LauncherException("could not create the WYA role and databases: " + e.getMessage(), e);
    }
  }

  private static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
