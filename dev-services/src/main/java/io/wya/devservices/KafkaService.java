package io.wya.devservices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/// Apache Kafka 4 in KRaft combined mode (one broker that is also its controller), as its own JVM
/// built from the Maven Central jars on this launcher's classpath. Topic data and consumer offsets
/// survive restarts, which the outbox tests rely on.
final class KafkaService implements LocalService {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final Settings settings;
  private final Path dir;
  private final ManagedProcess process;

  KafkaService(Settings settings) {
    this.settings = settings;
    this.dir = settings.home().resolve("kafka");
    this.process = new ManagedProcess(settings.runDir().resolve("kafka.pid"), marker());
  }

  @Override public String name() { return "kafka"; }

  @Override public String endpoint() { return settings.kafkaBootstrap(); }

  @Override public Status status() {
    Optional<ProcessHandle> running = process.running();
    if (running.isPresent()) return new Status(State.RUNNING, "pid " + running.get().pid() + ", logs in " + dir.resolve("data"));
    for (int port : List.of(settings.kafkaPort(), settings.kafkaControllerPort())) {
      if (!Ports.canBind(port)) return new Status(State.PORT_TAKEN, "port " + port + " is held by another process");
    }
    return new Status(State.STOPPED, "");
  }

  @Override public String start() {
    if (process.running().isPresent()) {
      Readiness.await("kafka", READY_TIMEOUT, this::describesCluster, () -> process.running().isPresent());
      return "already running";
    }
    process.forget();
    Ports.requireFree(settings.kafkaPort(), "kafka", "WYA_KAFKA_PORT");
    Ports.requireFree(settings.kafkaControllerPort(), "kafka controller", "WYA_KAFKA_CONTROLLER_PORT");
    Path config = writeConfig();
    boolean fresh = !Files.exists(dir.resolve("data").resolve("meta.properties"));
    if (fresh) {
      Commands.run(java(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
          "-t", Uuid.randomUuid().toString(), "-c", config.toString())), dir, Duration.ofMinutes(2));
    }
    process.startDetached(java(List.of("kafka.Kafka", config.toString())), Map.of(), dir, settings.logDir().resolve("kafka.log"));
    Readiness.await("kafka", READY_TIMEOUT, this::describesCluster, () -> process.running().isPresent());
    return (fresh ? "formatted and started" : "started") + " (log " + settings.logDir().resolve("kafka.log") + ")";
  }

  @Override public boolean stop() {
    // A controlled shutdown flushes the logs; give it time before SIGKILL.
    return process.stop(Duration.ofSeconds(45));
  }

  private String marker() {
    return "-Dwya.service=kafka@" + settings.home();
  }

  private List<String> java(List<String> mainAndArgs) {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        marker(),
        "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn",
        "-Dorg.slf4j.simpleLogger.log.kafka=warn",
        "-cp", System.getProperty("java.class.path")));
    command.addAll(mainAndArgs);
    return command;
  }

  private Path writeConfig() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + settings.kafkaControllerPort());
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + settings.kafkaPort() + ",CONTROLLER://127.0.0.1:" + settings.kafkaControllerPort());
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + settings.kafkaPort());
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", dir.resolve("data").toString());
    p.setProperty("num.partitions", "3");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "true");
    Path config = dir.resolve("server.properties");
    try {
      Files.createDirectories(dir);
      try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
        p.store(out, "written by ./wya services up; edits are overwritten");
      }
      return config;
    } catch (IOException e) {
      throw new LauncherException("could not write " + config + ": " + e.getMessage(), e);
    }
  }

  private boolean describesCluster() {
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
    p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    p.setProperty(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    if (!Ports.isListening(settings.kafkaPort())) return false;
    try (Admin admin = Admin.create(p)) {
      return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
    } catch (Exception e) {
      return false;
    }
  }
}
