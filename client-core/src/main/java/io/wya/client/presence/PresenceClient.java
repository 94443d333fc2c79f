package io.wya.client.presence;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.gateway.GatewayConnection;
import io.wya.client.gateway.GatewayListener;
import io.wya.client.gateway.GatewayRejected;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.PresenceStatus;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.UserId;
import io.wya.polycentric.SystemKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/// This device's presence on the gateway (GATEWAY_SPEC §16): the lease it announces and the
/// contacts it watches. Both belong to one session, so after every reconnect the status is set
/// again and the watchlist subscribed again (§16.3); the gateway then pushes only changes.
public final class PresenceClient implements GatewayListener {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  private final GatewayConnection connection;
  private final List<Consumer<PresenceView>> listeners = new CopyOnWriteArrayList<>();
  private final Set<SystemKey> watched = new LinkedHashSet<>();
  private volatile PresenceStatus status;
  private volatile String activity = "";

  public PresenceClient(GatewayConnection connection, PresenceStatus status, String activity) {
    this.connection = connection;
    this.status = status;
    this.activity = activity;
  }

  public void addListener(Consumer<PresenceView> listener) { listeners.add(listener); }

  /// Sets this device's lease for the current session and the next ones.
  public ServerFrame.PresenceLease announce(PresenceStatus next, String text) {
    status = next;
    activity = text;
    return call(new ClientFrame.SetPresence(next, text), ServerFrame.PresenceLease.class);
  }

  /// Watches contacts; answers their current states. A user who is not a contact (yet: the
  /// gateway learns follows from the social topic within seconds) is reported as `NOT_FOUND`.
  public List<PresenceView> watch(List<SystemKey> users) {
    List<UserId> ids = users.stream().map(u -> new UserId(u.key().toByteArray())).toList();
    ServerFrame.PresenceSnapshot snapshot;
    try {
      snapshot = call(new ClientFrame.WatchPresence(ids, List.of()), ServerFrame.PresenceSnapshot.class);
    } catch (ClientException e) {
      if (e.getCause() instanceof GatewayRejected r && r.code() == ErrorCode.NOT_A_CONTACT) {
        int index = r.error().itemIndex().orElse(0);
        throw new ClientException(ClientError.NOT_FOUND, "not a contact (you must follow each other, and neither block the other): "
            + io.wya.client.social.Contacts.publicId(users.get(Math.min(index, users.size() - 1))), e);
      }
      throw e;
    }
    synchronized (watched) {
      watched.addAll(users);
    }
    List<PresenceView> out = new ArrayList<>();
    for (ServerFrame.PresenceState s : snapshot.states()) out.add(PresenceView.of(s));
    return out;
  }

  /// A new session: the lease and the watchlist were left with the old one (§16.3).
  @Override public void onReady(ServerFrame.Ready ready, boolean fresh) {
    PresenceStatus current = status;
    if (current != null) connection.call(new ClientFrame.SetPresence(current, activity));
    List<UserId> ids;
    synchronized (watched) {
      ids = watched.stream().map(u -> new UserId(u.key().toByteArray())).toList();
    }
    if (ids.isEmpty()) return;
    connection.call(new ClientFrame.WatchPresence(ids, List.of())).thenAccept(reply -> {
      if (reply.frame() instanceof ServerFrame.PresenceSnapshot snapshot) snapshot.states().forEach(s -> emit(PresenceView.of(s)));
    });
  }

  @Override public void onPush(ServerFrame frame) {
    switch (frame) {
      case ServerFrame.PresenceChanged changed -> emit(PresenceView.of(changed.state()));
      case ServerFrame.PresenceWatchEnded ended -> {
        SystemKey user = SystemKey.of(ended.user().bytes());
        synchronized (watched) {
          watched.remove(user);
        }
        emit(PresenceView.ended(user));
      }
      default -> { }
    }
  }

  private void emit(PresenceView view) {
    for (Consumer<PresenceView> l : listeners) {
      try {
        l.accept(view);
      } catch (RuntimeException e) {
        // a UI failure must not stop the others
      }
    }
  }

  private <T extends ServerFrame> T call(ClientFrame frame, Class<T> type) {
    CompletableFuture<io.wya.gateway.protocol.ServerMessage> reply = connection.call(frame);
    try {
      ServerFrame f = reply.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).frame();
      if (type.isInstance(f)) return type.cast(f);
      throw new ClientException(ClientError.BAD_RESPONSE, "the gateway answered " + f.getClass().getSimpleName());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GatewayRejected r) {
        throw new ClientException(ClientError.SERVER_REJECTED, "the gateway refused " + frame.getClass().getSimpleName() + ": " + r.code()
            + (r.error().message().isEmpty() ? "" : " (" + r.error().message() + ")"), r);
      }
      if (e.getCause() instanceof ClientException c) throw c;
      throw new ClientException(ClientError.UNREACHABLE, "gateway request failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new ClientException(ClientError.UNREACHABLE, "the gateway did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(ClientError.INTERRUPTED, "interrupted");
    }
  }
}
