package io.wya.client.chat;

import io.wya.client.gateway.GatewayConnection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.mls.KeyPackageOffer;
import io.wya.mls.MlsClient;
import io.wya.mls.MlsException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/// Keeps this device's KeyPackages on the gateway (GATEWAY_SPEC §6): after each session starts it
/// asks `GetKeyPackageCount`; a missing last-resort package goes up first, on its own (with it a
/// claim never finds this device exhausted, KP-8), then one-time packages in batches of
/// [#BATCH] until the pool is back at the mls library's target; on `KeyPackagesLow` (KP-10) it
/// tops up again. Runs asynchronously: it never blocks the event thread.
final class KeyPackagePool {
  static final int CIPHER_SUITE = 1;
  /// One-time packages generated and uploaded per request: small, so that a short-lived command
  /// that closes early has already put most of them up.
  static final int BATCH = 10;

  private final MlsClient mls;
  private GatewayConnection connection;
  private CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
  private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);
  private boolean started;
  private volatile ServerFrame.SuiteCount found;

  private final int target;

  KeyPackagePool(MlsClient mls, int target) {
    this.mls = mls;
    this.target = target;
  }

  void attach(GatewayConnection connection) { this.connection = connection; }

  int cipherSuite() { return CIPHER_SUITE; }

  /// The current top-up; done at once when no session started one (nothing to wait for).
  synchronized CompletableFuture<Void> ready() { return started ? ready : CompletableFuture.completedFuture(null); }

  /// Counts, then uploads what is missing (after each session starts).
  synchronized void topUp() { refill(); }

  /// The gateway said the pool is low (KP-10). The count in that push may already be stale (a
  /// top-up of ours may be under way; the push also follows every `Ready` while low), so the pool
  /// is counted again before anything is generated. Closing the session waits for this too.
  synchronized void replenish() { refill(); }

  private void refill() {
    started = true;
    // each refill waits for the one before it, so the newest one's end is the end of all of them
    CompletableFuture<Void> done = new CompletableFuture<>();
    ready = done;
    running = running.handle((v, e) -> null)
        .thenCompose(v -> count())
        .thenCompose(suite -> {
          if (found == null) found = suite;
          CompletableFuture<Void> lastResort = suite.hasLastResort() ? CompletableFuture.completedFuture(null) : uploadLastResort();
          return lastResort.thenCompose(x -> upload(suite.oneTimeCount(), 0));
        })
        .whenComplete((v, e) -> {
          if (e == null) done.complete(null);
          else done.completeExceptionally(e instanceof CompletionException c ? c.getCause() : e);
        });
  }

  /// The pool as the gateway reported it when this session started (before any upload of ours).
  java.util.Optional<ServerFrame.SuiteCount> foundAtStart() { return java.util.Optional.ofNullable(found); }

  /// Waits for this session's top-up, then asks the gateway for the pool.
  KeyPackageStatus status(java.time.Duration timeout) {
    try {
      ready().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      ServerFrame.SuiteCount now = count().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return new KeyPackageStatus(foundAtStart().map(ServerFrame.SuiteCount::oneTimeCount).orElse(now.oneTimeCount()), now.oneTimeCount(),
          now.hasLastResort());
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new io.wya.client.ClientException(io.wya.client.ClientError.UNREACHABLE, "the KeyPackage pool could not be read: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.wya.client.ClientException(io.wya.client.ClientError.INTERRUPTED, "interrupted");
    }
  }

  /// Asks the gateway for the pool now.
  CompletableFuture<ServerFrame.SuiteCount> count() {
    return connection.call(new ClientFrame.GetKeyPackageCount()).thenApply(reply -> {
      if (!(reply.frame() instanceof ServerFrame.KeyPackageCount count)) throw new IllegalStateException("unexpected " + reply.frame());
      return suiteOf(count);
    });
  }

  private static ServerFrame.SuiteCount suiteOf(ServerFrame.KeyPackageCount count) {
    return count.suites().stream().filter(s -> s.cipherSuite() == CIPHER_SUITE).findFirst()
        .orElse(new ServerFrame.SuiteCount(CIPHER_SUITE, 0, false));
  }

  private CompletableFuture<Void> uploadLastResort() {
    try {
      return send(List.of(new ClientFrame.KeyPackageUpload(mls.lastResortKeyPackage().keyPackage(), true))).thenApply(n -> null);
    } catch (MlsException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /// Uploads one batch, then the next with the pool size the gateway reported, until it is full.
  private CompletableFuture<Void> upload(int oneTimeOnGateway, int round) {
    if (round > target / BATCH + 1) return CompletableFuture.completedFuture(null);
    List<ClientFrame.KeyPackageUpload> items = new ArrayList<>();
    try {
      List<KeyPackageOffer> missing = mls.replenishKeyPackages(oneTimeOnGateway + Math.max(0, wanted(oneTimeOnGateway) - BATCH));
      for (KeyPackageOffer o : missing) items.add(new ClientFrame.KeyPackageUpload(o.keyPackage(), false));
    } catch (MlsException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (items.isEmpty()) return CompletableFuture.completedFuture(null);
    return send(items).thenCompose(count -> upload(count, round + 1));
  }

  /// How many the mls library would add to a pool of `onGateway` (its target minus the pool).
  private int wanted(int onGateway) { return Math.max(0, target - onGateway); }

  private CompletableFuture<Integer> send(List<ClientFrame.KeyPackageUpload> items) {
    return connection.call(new ClientFrame.UploadKeyPackages(items)).thenApply(reply -> {
      if (!(reply.frame() instanceof ServerFrame.KeyPackagesUploaded uploaded)) throw new IllegalStateException("unexpected " + reply.frame());
      return uploaded.oneTimeCount();
    });
  }
}
