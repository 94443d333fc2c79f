package io.wya.bench.gateway;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// A server under test in its own JVM (its own 20k file limit, its own heap), started from this
/// JVM's classpath.
final class Child implements AutoCloseable {
  private final Process process;
  final String name;

  private Child(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  static Child start(String name, String heap, Map<String, String> env, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms" + heap,
        "-Xmx" + heap, "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"), mainClass));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    File log = new File(System.getProperty("java.io.tmpdir"), "wya-bench-" + name + ".log");
    pb.redirectErrorStream(true).redirectOutput(log);
    Process process = pb.start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-" + name));
    return new Child(name, process);
  }

  long pid() { return process.pid(); }

  /// Waits until something listens on `port`.
  void awaitPort(int port, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException(name + " exited with " + process.exitValue());
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(name + " did not listen on " + port);
  }

  /// Heap used after a full GC, in bytes (`jcmd GC.run` then `GC.heap_info`).
  long heapUsedAfterGc() throws Exception {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
    if (!m.find()) throw new IllegalStateException("cannot read the heap: " + info);
    return Long.parseLong(m.group(1)) * 1024;
  }

  private String jcmd(String command) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid()), command)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  /// The process's resident set, in bytes (from /proc).
  long rss() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
    }
    return -1;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }
}
