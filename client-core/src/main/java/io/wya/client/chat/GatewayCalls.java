package io.wya.client.chat;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.gateway.GatewayConnection;
import io.wya.client.gateway.GatewayRejected;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ServerFrame;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/// Blocking requests to the gateway for chat operations (never on the event thread): the reply of
/// the expected type, or a [ClientException] — `SERVER_REJECTED` with the [GatewayRejected] as
/// cause when the gateway refused, `UNREACHABLE` when no reply came in time or the connection
/// was lost first.
final class GatewayCalls {
  private final GatewayConnection connection;

  GatewayCalls(GatewayConnection connection) { this.connection = connection; }

  GatewayConnection connection() { return connection; }

  <T extends ServerFrame> T call(ClientFrame frame, Class<T> type, Duration timeout) {
    try {
      ServerFrame reply = connection.call(frame).get(timeout.toMillis(), TimeUnit.MILLISECONDS).frame();
      if (type.isInstance(reply)) return type.cast(reply);
      throw new ClientException(ClientError.BAD_RESPONSE, "the gateway answered " + reply.getClass().getSimpleName() + " to "
          + frame.getClass().getSimpleName());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof GatewayRejected r) {
        throw new ClientException(ClientError.SERVER_REJECTED, "the gateway refused " + frame.getClass().getSimpleName() + ": "
            + r.code() + (r.error().message().isEmpty() ? "" : " (" + r.error().message() + ")"), r);
      }
      if (cause instanceof ClientException c) throw c;
      throw new ClientException(ClientError.UNREACHABLE, "gateway request failed: " + cause, cause);
    } catch (TimeoutException e) {
      throw new ClientException(ClientError.UNREACHABLE, "the gateway did not answer " + frame.getClass().getSimpleName() + " in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(ClientError.INTERRUPTED, "interrupted");
    }
  }

  /// Whether `e` is a request that got no answer in time (the connection looked alive), as opposed
  /// to one lost with its connection (which the connection itself has replaced already).
  static boolean unanswered(ClientException e) {
    return e.error() == ClientError.UNREACHABLE && e.getCause() instanceof TimeoutException;
  }

  /// The gateway's refusal behind `e`, if that is what it was.
  static java.util.Optional<GatewayRejected> rejection(ClientException e) {
    return e.getCause() instanceof GatewayRejected r ? java.util.Optional.of(r) : java.util.Optional.empty();
  }
}
