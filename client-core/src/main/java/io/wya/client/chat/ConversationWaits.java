package io.wya.client.chat;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.gateway.GatewayConnection;
import io.wya.gateway.protocol.ConvId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/// Callers blocked until a conversation reaches some state (an echo processed, an epoch reached),
/// woken on the event thread after each delivery of that conversation.
final class ConversationWaits {
  private record Waiter(ConvId conversation, Predicate<Conversation> until, CompletableFuture<Void> done) {}

  private final ChatStore store;
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

  ConversationWaits(ChatStore store) { this.store = store; }

  /// Blocks (never on the event thread) until `until` holds for the conversation, at most `timeout`.
  void await(GatewayConnection connection, ConvId id, Predicate<Conversation> until, Duration timeout) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Waiter waiter = new Waiter(id, until, done);
    waiters.add(waiter);
    connection.onEventThread(() -> wake(id));
    try {
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ClientException(ClientError.UNREACHABLE, "the gateway did not deliver the conversation's entries in time");
    } catch (ExecutionException e) {
      throw new ClientException(ClientError.UNREACHABLE, "waiting for the conversation failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(ClientError.INTERRUPTED, "interrupted");
    } finally {
      waiters.remove(waiter);
    }
  }

  /// Event thread: re-checks the waiters of `id`.
  void wake(ConvId id) {
    Optional<Conversation> c = store.get(id);
    if (c.isEmpty()) return;
    for (Waiter w : waiters) {
      if (w.conversation().equals(id) && !w.done().isDone()) {
        try {
          if (w.until().test(c.get())) w.done().complete(null);
        } catch (RuntimeException e) {
          w.done().completeExceptionally(e);
        }
      }
    }
  }
}
