package io.wya.client.chat;

import io.wya.client.gateway.GatewayConnection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.mls.KeyPackageOffer;
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

  private final SerializedMls mls;
  private GatewayConnection connection;
  private volatile CompletableFuture<Void> ready = new CompletableFuture<>();
  private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);

  private final int target;

  KeyPackagePool(SerializedMls mls, int target) {
    this.mls = mls;
    this.target = target;
  }

  void attach(GatewayConnection connection) { this.connection = connection; }

  int cipherSuite() { return CIPHER_SUITE; }

  CompletableFuture<Void> ready() { return ready; }

  /// Counts, then uploads what is missing.
  synchronized void topUp() {
    CompletableFuture<Void> done = ready.isDone() ? new CompletableFuture<>() : ready;
    ready = done;
    running = running.handle((v, e) -> null)
        .thenCompose(v -> connection.call(new ClientFrame.GetKeyPackageCount()))
        .thenCompose(reply -> {
          if (!(reply.frame() instanceof ServerFrame.KeyPackageCount count)) throw new IllegalStateException("unexpected " + reply.frame());
          ServerFrame.SuiteCount suite = count.suites().stream().filter(s -> s.cipherSuite() == CIPHER_SUITE).findFirst()
              .orElse(new ServerFrame.SuiteCount(CIPHER_SUITE, 0, false));
          CompletableFuture<Void> lastResort = suite.hasLastResort() ? CompletableFuture.completedFuture(null) : uploadLastResort();
          return lastResort.thenCompose(v -> upload(suite.oneTimeCount(), 0));
        })
        .whenComplete((v, e) -> {
          if (e == null) done.complete(null);
          else done.completeExceptionally(e instanceof CompletionException c ? c.getCause() : e);
        });
  }

  /// The gateway said the pool is down to `oneTimeCount`.
  synchronized void replenish(int oneTimeCount) {
    running = running.handle((v, e) -> null).thenCompose(v -> upload(oneTimeCount, 0)).exceptionally(e -> null);
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
