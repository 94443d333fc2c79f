package io.wya.devservices;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/// The ordered set of local services: infrastructure first (started in parallel), then the apps.
final class Stack {
  private final Settings settings;
  private final PrintStream out;
  private final Map<String, LocalService> infrastructure = new LinkedHashMap<>();
  private final Map<String, LocalService> apps = new LinkedHashMap<>();

  Stack(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
    for (LocalService s : List.of(new PostgresService(settings), new RedisService(settings), new KafkaService(settings))) {
      infrastructure.put(s.name(), s);
    }
    for (LocalService s : List.of(AppService.socialNode(settings), AppService.realtimeGateway(settings))) apps.put(s.name(), s);
  }

  List<LocalService> select(Group group, List<String> names) {
    Map<String, LocalService> pool = group == Group.SERVICES ? infrastructure : apps;
    if (names.isEmpty()) return List.copyOf(pool.values());
    List<LocalService> chosen = new ArrayList<>();
    for (String name : names) {
      LocalService s = pool.get(aliases(name));
      if (s == null) throw new LauncherException("unknown " + group.word + " '" + name + "'; known: " + String.join(", ", pool.keySet()));
      chosen.add(s);
    }
    return chosen;
  }

  /// Starts the given services concurrently; fails after all attempts finished if any failed.
  void up(List<LocalService> services) {
    settingsCheck();
    List<String> failures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<LocalService, Future<String>> started = new LinkedHashMap<>();
      for (LocalService s : services) started.put(s, pool.submit(s::start));
      for (var entry : started.entrySet()) {
        LocalService s = entry.getKey();
        try {
          String note = entry.getValue().get();
          out.printf("%-17s ready    %-24s %s%n", s.name(), s.endpoint(), note);
        } catch (Exception e) {
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          failures.add(s.name() + ": " + cause.getMessage());
          out.printf("%-17s FAILED   %-24s %s%n", s.name(), s.endpoint(), cause.getMessage());
        }
      }
    }
    writeEndpoints();
    if (!failures.isEmpty()) throw new LauncherException(String.join("\n", failures));
  }

  /// Stops in reverse order so that apps go before what they depend on.
  void down(List<LocalService> services) {
    List<LocalService> reversed = new ArrayList<>(services);
    java.util.Collections.reverse(reversed);
    for (LocalService s : reversed) {
      boolean wasRunning = s.stop();
      out.printf("%-17s %s%n", s.name(), wasRunning ? "stopped" : "was not running");
    }
  }

  /// Prints one line per service; returns whether all of them run.
  boolean status(List<LocalService> services) {
    boolean allRunning = true;
    for (LocalService s : services) {
      LocalService.Status st = s.status();
      allRunning &= st.state() == LocalService.State.RUNNING;
      out.printf("%-17s %-10s %-24s %s%n", s.name(), st.state().name().toLowerCase().replace('_', '-'), s.endpoint(), st.detail());
    }
    return allRunning;
  }

  private void settingsCheck() {
    try {
      Files.createDirectories(settings.runDir());
      Files.createDirectories(settings.logDir());
    } catch (IOException e) {
      throw new LauncherException("could not create " + settings.home() + ": " + e.getMessage(), e);
    }
  }

  private void writeEndpoints() {
    Properties p = new Properties();
    p.setProperty("postgres.host", "127.0.0.1");
    p.setProperty("postgres.port", Integer.toString(settings.postgresPort()));
    p.setProperty("postgres.user", settings.databaseUser());
    p.setProperty("postgres.password", settings.databasePassword());
    p.setProperty("postgres.database.social", settings.socialDatabase());
    p.setProperty("postgres.database.gateway", settings.gatewayDatabase());
    p.setProperty("redis.uri", settings.redisUri());
    p.setProperty("kafka.bootstrap", settings.kafkaBootstrap());
    p.setProperty("social-node.url", "http://127.0.0.1:" + settings.socialNodePort());
    p.setProperty("realtime-gateway.url", "http://127.0.0.1:" + settings.gatewayPort());
    try (var w = Files.newBufferedWriter(settings.endpointsFile(), StandardCharsets.UTF_8)) {
      p.store(w, "Where the local services listen; written by ./wya services up");
    } catch (IOException e) {
      throw new LauncherException("could not write " + settings.endpointsFile() + ": " + e.getMessage(), e);
    }
  }

  private static String aliases(String name) {
    return switch (name) {
      case "pg", "postgresql" -> "postgres";
      case "social", "node" -> "social-node";
      case "gateway" -> "realtime-gateway";
      default -> name;
    };
  }

  enum Group {
    SERVICES("service"), APPS("app");

    final String word;

    Group(String word) { this.word = word; }
  }
}
