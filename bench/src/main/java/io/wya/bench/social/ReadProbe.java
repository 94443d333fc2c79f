package io.wya.bench.social;

import java.time.Duration;

/// Closed-loop GET throughput of a few paths on a running node, for locating read costs:
/// `bench/run io.wya.bench.social.ReadProbe <port> <seconds> <path>...`.
public final class ReadProbe {
  private ReadProbe() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Duration time = Duration.ofSeconds(Long.parseLong(args[1]));
    try (LoadClient load = new LoadClient(port, 16)) {
      for (int i = 2; i < args.length; i++) {
        load.get(args[i], 32, Duration.ofSeconds(2));
        LoadClient.Result r = load.get(args[i], 32, time);
        System.out.printf("%-60s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n", args[i].length() > 60 ? args[i].substring(0, 60) : args[i],
            r.perSecond(), r.latencyMicros().getValueAtPercentile(50) / 1000.0, r.latencyMicros().getValueAtPercentile(99) / 1000.0, r.errors());
      }
    }
  }
}
