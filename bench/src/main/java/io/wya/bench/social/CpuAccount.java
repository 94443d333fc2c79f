package io.wya.bench.social;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/// CPU seconds spent by each part of the ingest pipeline between two snapshots, read from
/// `/proc` (Linux): the node JVM, the PostgreSQL backends serving the benchmark's database, the
/// PostgreSQL processes every database shares (WAL writer, checkpointer, I/O workers), the Kafka
/// broker, Redis, this harness (the load generator) and, as the remainder of the machine's busy
/// time, everything else (other sessions on a shared box). Dividing by the events ingested gives
/// the CPU cost per event of each part, which does not depend on how busy the box was the way a
/// rate does.
final class CpuAccount {
  private static final double TICKS = 100.0; // USER_HZ on Linux
  private static final java.util.regex.Pattern SHARED =
      java.util.regex.Pattern.compile("postgres: (io worker \\d+|checkpointer|background writer|walwriter|autovacuum launcher)\\s*");

  private final long nodePid;
  private final String database;
  private final long kafkaPid;
  private final long redisPid;

  CpuAccount(long nodePid, String database, Path wyaHome) {
    this.nodePid = nodePid;
    this.database = database;
    this.kafkaPid = pidFile(wyaHome.resolve("run/kafka.pid"));
    this.redisPid = pidFile(wyaHome.resolve("run/redis.pid"));
  }

  /// Seconds of CPU used so far, per part.
  Map<String, Double> snapshot() {
    Map<String, Double> parts = new LinkedHashMap<>();
    parts.put("node", seconds(nodePid));
    nodeThreads().forEach((group, secs) -> parts.put("  node: " + group, secs));
    double backends = 0, shared = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) continue;
        String cmd = cmdline(p);
        if (!cmd.startsWith("postgres")) continue;
        // Backends and autovacuum workers name their database: "postgres: wya <db> 127.0.0.1(5432) idle".
        if ((cmd + " ").contains(" " + database + " ")) backends += seconds(Long.parseLong(name));
        else if (SHARED.matcher(cmd).matches()) shared += seconds(Long.parseLong(name));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    parts.put("postgres (this database's backends)", backends);
    parts.put("postgres (shared: WAL writer, checkpointer, I/O workers)", shared);
    parts.put("kafka broker", kafkaPid > 0 ? seconds(kafkaPid) : 0);
    parts.put("redis", redisPid > 0 ? seconds(redisPid) : 0);
    parts.put("load generator (this harness)", seconds(ProcessHandle.current().pid()));
    parts.put("machine busy", machineBusy());
    return parts;
  }

  /// `after - before` per part, with "everything else" = machine busy minus the named parts.
  static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> used = new LinkedHashMap<>();
    double named = 0;
    for (var e : after.entrySet()) {
      double d = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
      used.put(e.getKey(), d);
      if (!e.getKey().equals("machine busy") && !e.getKey().startsWith(" ")) named += d;
    }
    used.put("everything else (other sessions)", Math.max(0, used.get("machine busy") - named));
    return used;
  }

  /// The node's CPU by thread group (thread names as `/proc` shows them, 15 characters).
  private Map<String, Double> nodeThreads() {
    Map<String, Double> groups = new LinkedHashMap<>();
    for (String g : new String[] {"verify (social-verify-*)", "event loops", "JIT compilers", "GC", "Kafka client", "other"}) groups.put(g, 0.0);
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + nodePid + "/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        String comm;
        try {
          comm = Files.readString(t.resolve("comm")).strip();
        } catch (IOException gone) {
          continue;
        }
        String group = comm.startsWith("social-verify") ? "verify (social-verify-*)"
            : comm.startsWith("vert.x-eventloo") ? "event loops"
            : comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? "JIT compilers"
            : comm.startsWith("GC ") || comm.startsWith("G1 ") ? "GC"
            : comm.startsWith("kafka") ? "Kafka client" : "other";
        groups.merge(group, seconds(Long.parseLong(t.getFileName().toString()), t.resolve("stat")), Double::sum);
      }
    } catch (IOException | RuntimeException gone) {
      return groups;
    }
    return groups;
  }

  private static double seconds(long pid) { return seconds(pid, Path.of("/proc/" + pid + "/stat")); }

  /// Minutes since the Kafka broker started, or -1 when it is unknown.
  double kafkaMinutesUp() {
    if (kafkaPid <= 0) return -1;
    try {
      String stat = Files.readString(Path.of("/proc/" + kafkaPid + "/stat"));
      long startTicks = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]); // starttime
      double uptimeSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
      return (uptimeSeconds - startTicks / TICKS) / 60;
    } catch (IOException | RuntimeException gone) {
      return -1;
    }
  }

  private static double seconds(long id, Path statFile) {
    try {
      String stat = Files.readString(statFile);
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS; // utime, stime
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  private static double machineBusy() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7}) busy += Long.parseLong(f[i]); // user, nice, system, irq, softirq
      return busy / TICKS;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String cmdline(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException gone) {
      return "";
    }
  }

  private static long pidFile(Path file) {
    try {
      return Long.parseLong(Files.readString(file).strip());
    } catch (IOException | NumberFormatException absent) {
      return -1;
    }
  }
}
