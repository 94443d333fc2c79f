package io.wya.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Drives `./wya services` the way a developer does, against a private state directory and free
/// ports, so that it never touches the shared local services.
class ServicesScriptIT {
  private static final Path REPO = Path.of(System.getProperty("wya.repo.root", "..")).toAbsolutePath().normalize();

  @TempDir Path home;
  private final List<String> cleanup = new ArrayList<>();
  private Map<String, String> env;

  @BeforeEach void privatePorts() throws IOException {
    env = Map.of(
        "WYA_HOME", home.toString(),
        "WYA_PG_PORT", Integer.toString(freePort()),
        "WYA_REDIS_PORT", Integer.toString(freePort()));
  }

  @AfterEach void stopWhatWasStarted() throws Exception {
    for (String service : cleanup) wya(env, "services", "down", service);
  }

  @Test void startingTwiceIsHarmlessAndDownStopsOnlyOnce() throws Exception {
    cleanup.add("redis");
    Result first = wya(env, "services", "up", "redis");
    Result second = wya(env, "services", "up", "redis");
    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(second.output()).contains("redis").contains("already running");

    Result status = wya(env, "services", "status", "redis");
    assertThat(status.exit()).isZero();
    assertThat(status.output()).contains("running");

    assertThat(wya(env, "services", "down", "redis").output()).contains("stopped");
    assertThat(wya(env, "services", "down", "redis").output()).contains("was not running");
    assertThat(wya(env, "services", "status", "redis").exit()).as("status of a stopped service").isEqualTo(3);
    assertThat(processesMentioning(home.toString())).isEmpty();
  }

  @Test void aPortTakenBySomethingElseIsNamed() throws Exception {
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = squatter.getLocalPort();
      Map<String, String> taken = new java.util.HashMap<>(env);
      taken.put("WYA_REDIS_PORT", Integer.toString(port));
      Result result = wya(taken, "services", "up", "redis");
      assertThat(result.exit()).isEqualTo(1);
      assertThat(result.output()).contains("port " + port).contains("WYA_REDIS_PORT").contains("already in use");
      assertThat(Files.exists(home.resolve("run/redis.pid"))).isFalse();
    }
  }

  @Test void postgresKeepsItsDataAcrossStopAndStart() throws Exception {
    cleanup.add("postgres");
    assertThat(wya(env, "services", "up", "postgres").exit()).isZero();
    String url = "jdbc:postgresql://127.0.0.1:" + env.get("WYA_PG_PORT") + "/wya_social";
    try (Connection c = DriverManager.getConnection(url, "wya", "wya"); Statement s = c.createStatement()) {
      s.execute("create table kept (v text)");
      s.execute("insert into kept values ('survives a restart')");
    }
    assertThat(wya(env, "services", "down", "postgres").exit()).isZero();
    assertThat(processesMentioning(home.toString())).as("no stray postgres processes").isEmpty();

    Result restarted = wya(env, "services", "up", "postgres");
    assertThat(restarted.exit()).as(restarted.output()).isZero();
    try (Connection c = DriverManager.getConnection(url, "wya", "wya"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select v from kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("survives a restart");
    }
  }

  private static List<ProcessHandle> processesMentioning(String text) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains(text))
        .toList();
  }

  private record Result(int exit, String output) {}

  private static Result wya(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(REPO.resolve("wya").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("./wya " + String.join(" ", args) + " hung:\n" + output);
    }
    return new Result(process.exitValue(), output);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
