package io.wya.client.chat;

import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.WyaClient;
import io.wya.client.gateway.Backoff;
import io.wya.client.gateway.ConnectionState;
import io.wya.client.gateway.GatewayConnection;
import io.wya.client.gateway.GatewayListener;
import io.wya.client.gateway.GatewayListeners;
import io.wya.client.gateway.HttpTransports;
import io.wya.client.home.HomeLock;
import io.wya.mls.DeviceIdentity;
import io.wya.mls.MlsClient;
import io.wya.mls.MlsConfig;
import io.wya.mls.MlsException;
import io.wya.mls.bc.BcEngine;
import io.wya.mls.store.EncryptedFileStore;
import io.wya.mls.store.StateKey;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/// One device's chat session: the session lock of the home (GATEWAY_SPEC SES-1 allows one session
/// per device, so one process at a time), the mls state (encrypted under the vault's `mls`
/// subkey, decisions/0501), the [ChatClient] and its [GatewayConnection]. Closing waits for the
/// KeyPackage upload and sends the last acks first.
public final class ChatSession implements AutoCloseable {
  public static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);
  /// One-time KeyPackages a device keeps on the gateway: twice the gateway's default low watermark
  /// (10), so a few invitations do not trigger a refill each, and small enough to generate quickly.
  public static final int KEY_PACKAGE_POOL = 20;
  static final MlsConfig MLS_CONFIG = new MlsConfig(MlsConfig.DEFAULTS.keyPackageLifetime(), MlsConfig.DEFAULTS.maxKeyPackageLifetime(),
      MlsConfig.DEFAULTS.clockSkew(), KEY_PACKAGE_POOL, MlsConfig.DEFAULTS.maxKeyPackagesPerUpload(), MlsConfig.DEFAULTS.lastResortRotation(),
      MlsConfig.DEFAULTS.expiredKeyPackageGrace());
  static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  private final HomeLock lock;
  private final MlsClient mls;
  private final ChatClient chat;
  private final GatewayConnection connection;
  private final GatewayListeners listeners;

  private ChatSession(HomeLock lock, MlsClient mls, ChatClient chat, GatewayConnection connection, GatewayListeners listeners) {
    this.listeners = listeners;
    this.lock = lock;
    this.mls = mls;
    this.chat = chat;
    this.connection = connection;
  }

  /// Opens the session and starts connecting; `extra` listeners (presence, a UI) see every gateway
  /// event and `events` every chat event, from the first frame on.
  /// How to connect: which transports, and where to report every frame (for `WYA_TRACE`).
  /// @param progress shows the catch-up of the mailbox after each connect
  public record Options(String clientInfo, GatewayConnection.Transports transports, java.util.function.Consumer<String> trace,
                        io.wya.client.Progress progress) {
    public static Options of(String clientInfo) {
      return new Options(clientInfo, GatewayConnection.Transports.AUTO, line -> { }, io.wya.client.Progress.NONE);
    }
  }

  public static ChatSession open(WyaClient client, List<GatewayListener> extra, java.util.function.Consumer<ChatEvent> events,
                                 Options options) {
    String clientInfo = options.clientInfo();
    HomeLock lock = client.home().lockSession(clientInfo);
    MlsClient mls = null;
    try {
      mls = openMls(client);
      ChatClient chat = new ChatClient(client.identity(), mls, new ChatStore(client.store()), new Outbox(client.store()), client.clock(),
          client.random(), KEY_PACKAGE_POOL);
      chat.addListener(events);
      CatchUpProgress catchUp = new CatchUpProgress(options.progress());
      GatewayListeners listeners = new GatewayListeners().add(chat).add(catchUp);
      extra.forEach(listeners::add);
      HttpClient http = gatewayHttpClient();
      GatewayConnection connection = new GatewayConnection(new HttpTransports(client.endpoints().gateway(), http), client.identity(),
          new Backoff(client.random()), client.clock(), listeners, clientInfo, ChatClient.CALL_TIMEOUT);
      connection.transports(options.transports()).trace(options.trace());
      chat.attach(connection);
      catchUp.attach(connection);
      connection.start();
      return new ChatSession(lock, mls, chat, connection, listeners);
    } catch (RuntimeException e) {
      if (mls != null) mls.close();
      lock.close();
      throw e;
    }
  }

  /// The JDK client completes async sends through `ForkJoinPool.commonPool()` unless it has an
  /// executor of its own; with one, a busy common pool (a UI, a test) cannot stall our frames.
  static HttpClient gatewayHttpClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .executor(java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("wya-http-", 0).factory())).build();
  }

  private static MlsClient openMls(WyaClient client) {
    try {
      EncryptedFileStore store = EncryptedFileStore.open(client.home().mlsDir(), StateKey.key(client.vault().subkey("mls")), client.random());
      try {
        DeviceIdentity device = new DeviceIdentity(client.identity().userId().bytes(), client.identity().device().bytes());
        return MlsClient.create(store, BcEngine.standard(), device, MLS_CONFIG, client.clock(), client.random());
      } catch (MlsException | RuntimeException e) {
        store.close();
        throw e;
      }
    } catch (MlsException e) {
      throw new ClientException(ClientError.MLS, "the MLS state did not open: " + e.getMessage(), e);
    }
  }

  public ChatClient chat() { return chat; }

  public GatewayConnection connection() { return connection; }

  /// Adds a listener to the running session (e.g. presence, which needs the connection first);
  /// it sees the events from now on.
  public void addListener(GatewayListener listener) { listeners.add(listener); }

  /// Blocks until the backlog of every conversation has been processed (DLV-3).
  public void catchUp() {
    try {
      connection.awaitCaughtUp().get(CATCH_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ClientException c) throw c;
      throw new ClientException(ClientError.UNREACHABLE, "the gateway session failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new ClientException(ClientError.UNREACHABLE, "the gateway is unreachable ("
          + ConnectionState.describe(connection.state(), java.time.Instant.now()) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(ClientError.INTERRUPTED, "interrupted");
    }
  }

  @Override public void close() {
    try {
      chat.keyPackagesReady().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // the next session tops the pool up again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    chat.stopSending();
    connection.onEventThread(chat::flushAcks);
    connection.close();
    chat.awaitSenderStopped(Duration.ofSeconds(2));
    mls.close();
    lock.close();
  }
}
