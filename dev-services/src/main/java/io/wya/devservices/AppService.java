package io.wya.devservices;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/// One of the two WYA services (social-node, realtime-gateway) run from its build output, wired to
/// the local PostgreSQL, Redis and Kafka through the environment variables each one reads.
final class AppService implements LocalService {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final String name;
  private final int port;
  private final Path jar;
  private final String healthPath;
  private final String javaOptions;
  private final Map<String, String> environment;
  private final Settings settings;
  private final ManagedProcess process;

  private AppService(Settings settings, String name, int port, Path jar, String healthPath,
                     String javaOptions, Map<String, String> environment) {
    this.settings = settings;
    this.name = name;
    this.port = port;
    this.jar = jar;
    this.healthPath = healthPath;
    this.javaOptions = javaOptions;
    this.environment = environment;
    this.process = new ManagedProcess(settings.runDir().resolve(name + ".pid"), marker());
  }

  static AppService socialNode(Settings s) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QUARKUS_HTTP_PORT", Integer.toString(s.socialNodePort()));
    env.put("QUARKUS_DATASOURCE_USERNAME", s.databaseUser());
    env.put("QUARKUS_DATASOURCE_PASSWORD", s.databasePassword());
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", s.postgresUri(s.socialDatabase()));
    env.put("QUARKUS_DATASOURCE_JDBC_URL", s.postgresJdbcUrl(s.socialDatabase()));
    env.put("QUARKUS_REDIS_HOSTS", s.redisUri());
    env.put("KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrap());
    return new AppService(s, "social-node", s.socialNodePort(),
        s.repoRoot().resolve("social-node/target/quarkus-app/quarkus-run.jar"), "/q/health/ready",
        System.getenv().getOrDefault("WYA_SOCIAL_JAVA_OPTS", socialNodeOptions(s)), env);
  }

  /// The node's own argument file (ADR 0123); `WYA_SOCIAL_JAVA_OPTS` replaces it whole.
  static String socialNodeOptions(Settings s) { return "@" + s.repoRoot().resolve("social-node/jvm.options"); }

  static AppService realtimeGateway(Settings s) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GATEWAY_HTTP_PORT", Integer.toString(s.gatewayPort()));
    env.put("GATEWAY_PG_URI", "postgresql://" + s.databaseUser() + ":" + s.databasePassword() + "@127.0.0.1:"
        + s.postgresPort() + "/" + s.gatewayDatabase());
    env.put("GATEWAY_REDIS_URI", s.redisUri());
    env.put("GATEWAY_KAFKA_BOOTSTRAP", s.kafkaBootstrap());
    return new AppService(s, "realtime-gateway", s.gatewayPort(),
        s.repoRoot().resolve("realtime-gateway/target/realtime-gateway.jar"), "/health/ready",
        System.getenv().getOrDefault("WYA_GATEWAY_JAVA_OPTS", "-Xmx512m"), env);
  }

  @Override public String name() { return name; }

  @Override public String endpoint() { return "http://127.0.0.1:" + port; }

  @Override public Status status() {
    Optional<ProcessHandle> running = process.running();
    if (running.isPresent()) return new Status(State.RUNNING, "pid " + running.get().pid() + (ready() ? "" : ", not ready"));
    if (!Ports.canBind(port)) return new Status(State.PORT_TAKEN, "port " + port + " is held by another process");
    return new Status(State.STOPPED, "");
  }

  @Override public String start() {
    if (process.running().isPresent()) {
      Readiness.await(name, READY_TIMEOUT, this::ready, () -> process.running().isPresent());
      return "already running";
    }
    process.forget();
    if (!Files.exists(jar)) throw new LauncherException(jar + " is missing; build first: ./mvnw -DskipTests package");
    Ports.requireFree(port, name, name.equals("social-node") ? "WYA_SOCIAL_PORT" : "WYA_GATEWAY_PORT");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add(marker());
    command.addAll(Arrays.stream(javaOptions.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList());
    command.addAll(List.of("-jar", jar.toString()));
    Path log = settings.logDir().resolve(name + ".log");
    process.startDetached(command, environment, jar.getParent(), log);
    Readiness.await(name, READY_TIMEOUT, this::ready, () -> process.running().isPresent());
    return "started (log " + log + ")";
  }

  @Override public boolean stop() {
    return process.stop(Duration.ofSeconds(30));
  }

  private String marker() {
    return "-Dwya.service=" + name + "@" + settings.home();
  }

  private boolean ready() {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + healthPath)).timeout(Duration.ofSeconds(2)).GET().build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }
}
