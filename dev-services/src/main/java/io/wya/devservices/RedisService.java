package io.wya.devservices;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/// Redis for hot, ephemeral data (caches, rate counters, presence leases, wake-ups). Uses
/// `WYA_REDIS_SERVER` or a `redis-server` on the PATH when there is one, else the binary shipped in
/// the embedded-redis jar. Nothing is persisted: Redis holds nothing that is not rebuilt.
final class RedisService implements LocalService {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private final Settings settings;
  private final ManagedProcess process;

  RedisService(Settings settings) {
    this.settings = settings;
    // redis-server rewrites its command line to "redis-server 127.0.0.1:<port>" once it runs
    this.process = new ManagedProcess(settings.runDir().resolve("redis.pid"),
        "127.0.0.1:" + settings.redisPort(), "--port " + settings.redisPort() + " ");
  }

  @Override public String name() { return "redis"; }

  @Override public String endpoint() { return "127.0.0.1:" + settings.redisPort(); }

  @Override public Status status() {
    Optional<ProcessHandle> running = process.running();
    if (running.isPresent()) return new Status(State.RUNNING, "pid " + running.get().pid());
    if (!Ports.canBind(settings.redisPort())) return new Status(State.PORT_TAKEN, "port " + settings.redisPort() + " is held by another process");
    return new Status(State.STOPPED, "");
  }

  @Override public String start() {
    if (process.running().isPresent()) {
      Readiness.await("redis", READY_TIMEOUT, this::answersPing, () -> process.running().isPresent());
      return "already running";
    }
    process.forget();
    Ports.requireFree(settings.redisPort(), "redis", "WYA_REDIS_PORT");
    Path server = serverBinary();
    Path dir = settings.home().resolve("redis");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new LauncherException("could not create " + dir + ": " + e.getMessage(), e);
    }
    process.startDetached(List.of(server.toString(),
            "--port", Integer.toString(settings.redisPort()), "--bind", "127.0.0.1",
            "--daemonize", "no", "--save", "", "--appendonly", "no", "--dir", dir.toString()),
        Map.of(), dir, settings.logDir().resolve("redis.log"));
    Readiness.await("redis", READY_TIMEOUT, this::answersPing, () -> process.running().isPresent());
    return "started (" + server + ")";
  }

  @Override public boolean stop() {
    return process.stop(Duration.ofSeconds(10));
  }

  private Path serverBinary() {
    if (settings.systemRedisServer() != null) return settings.systemRedisServer();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (dir.isBlank()) continue;
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) return candidate;
    }
    return BundledBinaries.redis(settings.binDir());
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.redisPort()), 500);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }
}
