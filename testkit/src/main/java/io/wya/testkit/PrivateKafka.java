package io.wya.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/// A Kafka broker of its own for a test that stops and restarts Kafka (outbox and consumer
/// recovery tests) without disturbing the shared one. Started and stopped through
/// `./wya services up|down kafka` with a separate `WYA_HOME` and ports; its data survives
/// [#stop()] / [#start()] like the shared broker's does.
public final class PrivateKafka implements AutoCloseable {
  private final Path repoRoot;
  private final Path home;
  private final int port;
  private final int controllerPort;

  private PrivateKafka(Path repoRoot, Path home, int port, int controllerPort) {
    this.repoRoot = repoRoot;
    this.home = home;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /// Creates and starts a broker whose state lives in a new temporary directory.
  public static PrivateKafka startNew() {
    try {
      Path root = LocalServices.findRepoRoot();
      Path home = Files.createTempDirectory("wya-private-kafka");
      PrivateKafka kafka = new PrivateKafka(root, home, freePort(), freePort());
      kafka.start();
      return kafka;
    } catch (IOException e) {
      throw new IllegalStateException("could not prepare a private Kafka: " + e.getMessage(), e);
    }
  }

  public String bootstrap() { return "127.0.0.1:" + port; }

  public void start() { wya("up"); }

  public void stop() { wya("down"); }

  @Override public void close() {
    stop();
    try (var walk = Files.walk(home)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      System.err.println("testkit: could not delete " + home + ": " + e.getMessage());
    }
  }

  private void wya(String action) {
    List<String> command = List.of(repoRoot.resolve("wya").toString(), "services", action, "kafka");
    Subprocess.runOrFail(command, repoRoot, Map.of("WYA_HOME", home.toString(),
        "WYA_KAFKA_PORT", Integer.toString(port), "WYA_KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort)),
        Duration.ofMinutes(5));
  }


  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
