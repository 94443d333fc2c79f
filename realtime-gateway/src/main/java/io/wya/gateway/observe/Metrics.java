package io.wya.gateway.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/// The gateway's Prometheus metrics (OPS-2). Names are constants here and nowhere else; counters
/// per frame type are created once and cached, so the hot path only increments.
public final class Metrics {
  public static final String CONNECTIONS = "gateway_connections";
  public static final String FRAMES_IN = "gateway_frames_in";
  public static final String FRAMES_OUT = "gateway_frames_out";
  public static final String SEND_TO_DELIVER = "gateway_send_to_deliver";
  public static final String RATE_LIMITED = "gateway_rate_limited";
  public static final String QUEUE_PAUSES = "gateway_queue_pauses";
  public static final String PENALTIES = "gateway_penalties";
  public static final String ENTRIES_ACCEPTED = "gateway_entries_accepted";
  public static final String STORE_BATCH_SIZE = "gateway_store_batch_entries";
  public static final String STORE_BATCH_WAIT = "gateway_store_batch_wait";
  public static final String STORE_BATCH_TIME = "gateway_store_batch_time";
  public static final String FANOUT_HANDOFF = "gateway_fanout_handoff";
  public static final String FANOUT_WRITE = "gateway_fanout_write";
  public static final String KEY_PACKAGES = "gateway_key_packages";
  public static final String PRUNED = "gateway_entries_pruned";
  public static final String PRESENCE_PUSHES = "gateway_presence_pushes";
  public static final String PRESENCE_SESSIONS = "gateway_presence_sessions";
  public static final String GRAPH_OPERATIONS = "gateway_graph_operations";
  public static final String GRAPH_INVALID = "gateway_graph_invalid_records";
  public static final String GRAPH_REBUILDS = "gateway_graph_rebuilds";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
  private final Map<String, Counter> framesIn = new ConcurrentHashMap<>();
  private final Map<String, Counter> framesOut = new ConcurrentHashMap<>();
  private final Map<String, Counter> rateLimited = new ConcurrentHashMap<>();
  private final Timer sendToDeliver;
  private final io.micrometer.core.instrument.DistributionSummary storeBatchSize;
  private final Timer storeBatchWait;
  private final Timer storeBatchTime;
  private final Timer fanoutHandoff;
  private final Timer fanoutWrite;
  private final Counter queuePauses;
  private final Counter penalties;
  private final Counter accepted;
  private final Counter pruned;
  private final AtomicLong oneTimeKeyPackages = new AtomicLong();
  private final AtomicLong lastResortKeyPackages = new AtomicLong();

  public Metrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    sendToDeliver = Timer.builder(SEND_TO_DELIVER).description("time from acceptance of an entry to its write to the last live session of an event loop")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    storeBatchSize = io.micrometer.core.instrument.DistributionSummary.builder(STORE_BATCH_SIZE)
        .description("application messages stored by one group-commit statement").register(registry);
    storeBatchWait = Timer.builder(STORE_BATCH_WAIT).description("time the oldest message of a group commit waited for its statement to start")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    storeBatchTime = Timer.builder(STORE_BATCH_TIME).description("round trip of one group-commit statement (durable commit included)")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    fanoutHandoff = Timer.builder(FANOUT_HANDOFF)
        .description("time from the publication of accepted entries (one statement's) to the start of their fan-out on an event loop")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    fanoutWrite = Timer.builder(FANOUT_WRITE).description("time one event loop spends fanning out one statement's entries to its sessions")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(1)).register(registry);
    queuePauses = Counter.builder(QUEUE_PAUSES).description("sessions paused because their write queue was full (BP-1)").register(registry);
    penalties = Counter.builder(PENALTIES).description("sessions disconnected with PENALTY (LIM-4)").register(registry);
    accepted = Counter.builder(ENTRIES_ACCEPTED).description("entries accepted by this instance").register(registry);
    pruned = Counter.builder(PRUNED).description("entries deleted by retention (RET-1)").register(registry);
    Gauge.builder(KEY_PACKAGES, oneTimeKeyPackages, AtomicLong::get).tag("kind", "one_time")
        .description("unexpired KeyPackages in the directory").register(registry);
    Gauge.builder(KEY_PACKAGES, lastResortKeyPackages, AtomicLong::get).tag("kind", "last_resort")
        .description("unexpired KeyPackages in the directory").register(registry);
    for (String transport : new String[] {"ws", "sse"}) connection(transport);
  }

  private AtomicInteger connection(String transport) {
    return connections.computeIfAbsent(transport, t -> {
      AtomicInteger n = new AtomicInteger();
      Gauge.builder(CONNECTIONS, n, AtomicInteger::get).tag("transport", t).description("open connections").register(registry);
      return n;
    });
  }

  public void connectionOpened(String transport) { connection(transport).incrementAndGet(); }

  public void connectionClosed(String transport) { connection(transport).decrementAndGet(); }

  public void frameIn(String type) {
    framesIn.computeIfAbsent(type, t -> Counter.builder(FRAMES_IN).tag("type", t).register(registry)).increment();
  }

  public void frameOut(String type) {
    framesOut.computeIfAbsent(type, t -> Counter.builder(FRAMES_OUT).tag("type", t).register(registry)).increment();
  }

  public void rateLimited(String limit) {
    rateLimited.computeIfAbsent(limit, l -> Counter.builder(RATE_LIMITED).tag("limit", l).register(registry)).increment();
  }

  public void delivered(long acceptedAtMs, long nowMs) {
    sendToDeliver.record(Math.max(0, nowMs - acceptedAtMs), TimeUnit.MILLISECONDS);
  }

  public void storeBatch(int size, long waitNanos, long storeNanos) {
    storeBatchSize.record(size);
    storeBatchWait.record(waitNanos, TimeUnit.NANOSECONDS);
    storeBatchTime.record(storeNanos, TimeUnit.NANOSECONDS);
  }

  public void fanout(long handoffNanos, long writeNanos) {
    fanoutHandoff.record(handoffNanos, TimeUnit.NANOSECONDS);
    fanoutWrite.record(writeNanos, TimeUnit.NANOSECONDS);
  }

  public void queuePaused() { queuePauses.increment(); }

  public void penalized() { penalties.increment(); }

  public void accepted() { accepted.increment(); }

  public void pruned(int n) { pruned.increment(n); }

  public void keyPackagePool(long oneTime, long lastResort) {
    oneTimeKeyPackages.set(oneTime);
    lastResortKeyPackages.set(lastResort);
  }

  /// The Prometheus text exposition.
  public String scrape() { return registry.scrape(); }

  /// Presence and the contacts projection (GATEWAY_SPEC §16), read when scraped.
  public void presence(java.util.function.LongSupplier pushes, java.util.function.LongSupplier sessions,
                       java.util.function.LongSupplier graphOperations, java.util.function.LongSupplier invalidRecords,
                       java.util.function.LongSupplier rebuilds) {
    io.micrometer.core.instrument.FunctionCounter.builder(PRESENCE_PUSHES, pushes, java.util.function.LongSupplier::getAsLong)
        .description("presence changes and watch ends pushed to watchers").register(registry);
    Gauge.builder(PRESENCE_SESSIONS, sessions, s -> s.getAsLong()).description("sessions with presence state").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(GRAPH_OPERATIONS, graphOperations, java.util.function.LongSupplier::getAsLong)
        .description("FOLLOW/BLOCK operations applied to the contacts projection").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(GRAPH_INVALID, invalidRecords, java.util.function.LongSupplier::getAsLong)
        .description("social events skipped because they did not verify").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(GRAPH_REBUILDS, rebuilds, java.util.function.LongSupplier::getAsLong)
        .description("times the contacts projection was found lost and replayed").register(registry);
  }
}
