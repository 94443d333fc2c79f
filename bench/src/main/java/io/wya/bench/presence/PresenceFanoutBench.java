package io.wya.bench.presence;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wya.gateway.config.PresenceConfig;
import io.wya.gateway.contacts.ContactsProjection;
import io.wya.gateway.presence.PresenceHub;
import io.wya.gateway.presence.PresencePush;
import io.wya.gateway.presence.PresenceSession;
import io.wya.gateway.presence.RedisPresenceFeed;
import io.wya.gateway.presence.RedisPresenceStore;
import io.wya.gateway.presence.RedisRateLimiter;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.UserId;
import io.wya.gateway.redis.RedisSubscriber;
import io.wya.testkit.LocalServices;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/// Presence fan-out at scale (issue 5): N online devices (one per user), each user watched by W
/// contacts, split over two instances in this JVM that share the local Redis — so every change
/// goes lease script → Redis pub/sub → the other instance's hub → its watchers, as in production
/// minus the sockets. Lease changes are offered open-loop at each rate of `--rates`; for every
/// push the time from the change request to the push is recorded.
///
/// Baseline in the same run: the bare Redis path the same number of messages take (one PUBLISH per
/// change to a per-user channel subscribed by two connections, no Lua, no hub).
///
/// `bench/run io.wya.bench.presence.PresenceFanoutBench [--devices 10000] [--watchers 50] [--rates 200,500,1000] [--seconds 15]`
public final class PresenceFanoutBench {
  private final int devices;
  private final int watchers;
  private final List<Integer> rates;
  private final int seconds;
  private final Vertx vertx;
  private final Redis redis;
  private final String ns;
  private final Clock clock = Clock.systemUTC();
  private final long[] changeStartNanos;
  private final Recorder recorder = new Recorder(120_000_000_000L, 3);
  private final AtomicLong pushes = new AtomicLong();
  private final List<BenchSession> sessions = new ArrayList<>();
  private final Map<UserId, Integer> userIndex = new ConcurrentHashMap<>();
  private PresenceHub[] hubs;
  private long redisBefore;
  private long heapBefore;
  private long redisLeased;
  private long heapLeased;
  private RedisSubscriber[] subscribers;

  private PresenceFanoutBench(Map<String, String> args) {
    this.devices = Integer.parseInt(args.getOrDefault("devices", "10000"));
    this.watchers = Integer.parseInt(args.getOrDefault("watchers", "50"));
    this.rates = java.util.Arrays.stream(args.getOrDefault("rates", "200,500,1000").split(",")).map(Integer::parseInt).toList();
    this.seconds = Integer.parseInt(args.getOrDefault("seconds", "15"));
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(LocalServices.require().redisUri())
        .setMaxPoolSize(8).setMaxWaitingHandlers(1_000_000).setMaxPoolWaiting(1_000_000));
    this.ns = LocalServices.uniqueName("bench_presence") + ":";
    this.changeStartNanos = new long[devices];
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new java.util.HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    PresenceFanoutBench b = new PresenceFanoutBench(args);
    try {
      b.run();
    } finally {
      b.cleanUp();
      b.vertx.close().await();
    }
  }

  private void run() throws Exception {
    System.out.printf("presence fan-out: %d online devices, %d watchers each, 2 instances, Redis %s%n", devices, watchers,
        redisVersion());
    redisBefore = redisUsedMemory();
    heapBefore = usedHeap();
    setUp();
    long heapAfter = usedHeap();
    long redisAfter = redisUsedMemory();
    System.out.printf("memory per online device: Redis %.0f B (lease + view %.0f B, then the two instances' channel"
        + " subscriptions), JVM heap %.0f B (session state %.0f B, then %d watches)%n", (redisAfter - redisBefore) / (double) devices,
        (redisLeased - redisBefore) / (double) devices, (heapAfter - heapBefore) / (double) devices,
        (heapLeased - heapBefore) / (double) devices, watchers);
    warmUp(rates.getFirst());
    for (int rate : rates) {
      Result base = baseline(rate);
      Result r = measure(rate);
      System.out.printf("rate %5d changes/s | presence: %8.0f pushes/s, p50 %6.2f ms, p99 %7.2f ms, max %7.2f ms, lost %d"
          + " | baseline PUBLISH->SUBSCRIBE: %8.0f msgs/s, p50 %6.2f ms, p99 %7.2f ms%n", rate, r.perSecond, r.p50, r.p99, r.max,
          r.lost, base.perSecond, base.p50, base.p99);
    }
  }

  // ------------------------------------------------------------------ setup

  private void setUp() {
    PresenceConfig config = PresenceConfig.load(Map.of("GATEWAY_PRESENCE_SET_RATE", "1000000", "GATEWAY_PRESENCE_WATCH_CHANGES",
        "1000000", "GATEWAY_PRESENCE_MAX_WATCHLIST", Integer.toString(Math.max(256, watchers))));
    RedisPresenceStore store = new RedisPresenceStore(redis, ns, config.leaseTtl());
    ContactsProjection everyone = new EveryoneIsAContact();
    hubs = new PresenceHub[2];
    subscribers = new RedisSubscriber[2];
    for (int i = 0; i < 2; i++) {
      subscribers[i] = RedisSubscriber.start(vertx, redis).await();
      hubs[i] = new PresenceHub(config, clock, store, new RedisPresenceFeed(subscribers[i], store.channelPrefix()), everyone,
          new RedisRateLimiter(redis, ns));
    }
    Random random = new Random(7);
    List<UserId> users = new ArrayList<>(devices);
    for (int i = 0; i < devices; i++) {
      byte[] u = new byte[32];
      random.nextBytes(u);
      users.add(new UserId(u));
      userIndex.put(users.get(i), i);
    }
    for (int i = 0; i < devices; i++) {
      byte[] d = new byte[16];
      random.nextBytes(d);
      sessions.add(new BenchSession(i, new DeviceKey(users.get(i), new DeviceId(d)), i % 2));
    }
    long t0 = System.nanoTime();
    bounded(devices, 256, i -> hubs[sessions.get(i).instance].setPresence(sessions.get(i),
        new ClientFrame.SetPresence(PresenceStatus.ONLINE, "")).mapEmpty());
    long t1 = System.nanoTime();
    redisLeased = redisUsedMemory();
    heapLeased = usedHeap();
    long watching = System.nanoTime();
    // session i watches users i+1 … i+W (mod N): every user has exactly W watchers.
    bounded(devices, 64, i -> {
      List<UserId> list = new ArrayList<>(watchers);
      for (int k = 1; k <= watchers; k++) list.add(users.get((i + k) % devices));
      return hubs[sessions.get(i).instance].watch(sessions.get(i), new ClientFrame.WatchPresence(list, List.of())).map(f -> {
        if (!(f instanceof ServerFrame.PresenceSnapshot)) throw new IllegalStateException("watch refused: " + f);
        return null;
      });
    });
    long t2 = System.nanoTime();
    System.out.printf("setup: %d leases in %.1f s, %d watches in %.1f s; channels followed: %d + %d%n", devices, (t1 - t0) / 1e9,
        devices * watchers, (t2 - watching) / 1e9, subscribers[0].channelCount(), subscribers[1].channelCount());
  }

  private void bounded(int n, int parallel, java.util.function.IntFunction<Future<Void>> task) {
    Promise<Void> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    Runnable[] step = new Runnable[1];
    step[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= n) return;
      task.apply(i).onComplete(ar -> {
        if (ar.failed()) done.tryFail(ar.cause());
        if (finished.incrementAndGet() == n) done.tryComplete();
        else step[0].run();
      });
    };
    for (int k = 0; k < Math.min(parallel, n); k++) step[0].run();
    done.future().await();
  }

  // ------------------------------------------------------------------ measurement

  /// JIT and pools warm up on a discarded run of each path.
  private void warmUp(int rate) throws InterruptedException {
    Result w = measure(rate);
    Result b = baseline(rate);
    System.out.printf("warm-up (discarded): presence p99 %.2f ms, baseline p99 %.2f ms%n", w.p99, b.p99);
  }

  private record Result(double perSecond, double p50, double p99, double max, long lost) {}

  private Result measure(int rate) throws InterruptedException {
    int total = rate * seconds;
    List<Integer> order = new ArrayList<>(devices);
    for (int i = 0; i < devices; i++) order.add(i);
    Collections.shuffle(order, new Random(rate));
    recorder.getIntervalHistogram();
    long pushesBefore = pushes.get();
    AtomicInteger issued = new AtomicInteger();
    long start = System.nanoTime();
    long timer = vertx.setPeriodic(1, t -> {
      long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
      while (issued.get() < due) {
        int k = issued.getAndIncrement();
        BenchSession s = sessions.get(order.get(k % devices));
        s.online = !s.online;
        changeStartNanos[s.index] = System.nanoTime();
        hubs[s.instance].setPresence(s, new ClientFrame.SetPresence(s.online ? PresenceStatus.ONLINE : PresenceStatus.AWAY, ""));
      }
    });
    while (issued.get() < total) Thread.sleep(50);
    vertx.cancelTimer(timer);
    long expected = (long) total * watchers;
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (pushes.get() - pushesBefore < expected && System.nanoTime() < deadline) Thread.sleep(20);
    long elapsed = System.nanoTime() - start;
    long received = pushes.get() - pushesBefore;
    Histogram h = recorder.getIntervalHistogram();
    return new Result(received / (elapsed / 1e9), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
        h.getMaxValue() / 1e6, expected - received);
  }

  /// The floor: one PUBLISH per change on a per-user channel that two connections subscribe to.
  private Result baseline(int rate) throws InterruptedException {
    int total = rate * seconds;
    int channels = Math.min(devices, 2_000);
    Recorder base = new Recorder(120_000_000_000L, 3);
    AtomicLong received = new AtomicLong();
    List<RedisSubscriber> subs = new ArrayList<>();
    String prefix = ns + "baseline:";
    for (int i = 0; i < 2; i++) {
      RedisSubscriber s = RedisSubscriber.start(vertx, redis).await();
      for (int c = 0; c < channels; c++) {
        s.subscribe(prefix + c, m -> {
          base.recordValue(System.nanoTime() - Long.parseLong(m));
          received.incrementAndGet();
        }).await();
      }
      subs.add(s);
    }
    AtomicInteger issued = new AtomicInteger();
    long start = System.nanoTime();
    long timer = vertx.setPeriodic(1, t -> {
      long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
      while (issued.get() < due) {
        int k = issued.getAndIncrement();
        redis.send(Request.cmd(Command.PUBLISH).arg(prefix + (k % channels)).arg(Long.toString(System.nanoTime())));
      }
    });
    while (issued.get() < total) Thread.sleep(50);
    vertx.cancelTimer(timer);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (received.get() < 2L * total && System.nanoTime() < deadline) Thread.sleep(20);
    long elapsed = System.nanoTime() - start;
    for (RedisSubscriber s : subs) s.close().await();
    Histogram h = base.getIntervalHistogram();
    return new Result(received.get() / (elapsed / 1e9), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
        h.getMaxValue() / 1e6, 2L * total - received.get());
  }

  // ------------------------------------------------------------------ plumbing

  private final class BenchSession implements PresenceSession {
    final int index;
    final DeviceKey device;
    final int instance;
    volatile boolean online = true;

    BenchSession(int index, DeviceKey device, int instance) {
      this.index = index;
      this.device = device;
      this.instance = instance;
    }

    @Override public DeviceKey device() { return device; }

    @Override public void push(PresencePush push) {
      if (push.frame() instanceof ServerFrame.PresenceChanged c) {
        int owner = userIndex.get(c.state().user());
        recorder.recordValue(System.nanoTime() - changeStartNanos[owner]);
        pushes.incrementAndGet();
      }
    }

    @Override public long lastReceivedMs() { return clock.millis(); }

    @Override public boolean closed() { return false; }
  }


  private static final class EveryoneIsAContact implements ContactsProjection {
    @Override public Future<Generation> open() { return Future.succeededFuture(new Generation("bench", Map.of(), false)); }

    @Override public Future<ApplyOutcome> apply(String g, int p, long o, List<OffsetOp> ops) {
      return Future.succeededFuture(new AlreadyApplied());
    }

    @Override public Future<List<Boolean>> areContacts(UserId user, List<UserId> others) {
      return Future.succeededFuture(Collections.nCopies(others.size(), true));
    }
  }

  private long redisUsedMemory() {
    String info = redis.send(Request.cmd(Command.INFO).arg("memory")).await().toString();
    for (String line : info.split("\r?\n")) if (line.startsWith("used_memory:")) return Long.parseLong(line.substring(12).trim());
    throw new IllegalStateException("no used_memory in INFO");
  }

  private String redisVersion() {
    String info = redis.send(Request.cmd(Command.INFO).arg("server")).await().toString();
    for (String line : info.split("\r?\n")) if (line.startsWith("redis_version:")) return line.substring(14).trim();
    return "?";
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private void cleanUp() {
    try {
      if (subscribers != null) for (RedisSubscriber s : subscribers) if (s != null) s.close().await();
      String cursor = "0";
      do {
        Response r = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(ns + "*").arg("COUNT").arg(5000)).await();
        cursor = r.get(0).toString();
        Request del = Request.cmd(Command.UNLINK);
        int n = 0;
        for (Response k : r.get(1)) {
          del.arg(k.toString());
          n++;
        }
        if (n > 0) redis.send(del).await();
      } while (!cursor.equals("0"));
    } catch (RuntimeException e) {
      System.err.println("clean-up: " + e);
    }
  }
}
