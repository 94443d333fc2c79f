package io.wya.cli.e2e;

import io.wya.client.gateway.Backoff;
import io.wya.client.gateway.GatewayConnection;
import io.wya.client.gateway.GatewayListener;
import io.wya.client.gateway.HttpTransports;
import io.wya.client.identity.Identity;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.ServerMessage;
import io.wya.gateway.protocol.UserId;
import io.wya.mls.CommitBundle;
import io.wya.mls.DeviceIdentity;
import io.wya.mls.KeyPackageOffer;
import io.wya.mls.MlsClient;
import io.wya.mls.MlsConfig;
import io.wya.mls.MlsException;
import io.wya.mls.Processed;
import io.wya.mls.bc.BcEngine;
import io.wya.mls.store.EncryptedFileStore;
import io.wya.mls.store.StateKey;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.SigningKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/// A Java member on the real client stack below chat: client-core's [GatewayConnection] (WebSocket,
/// device authentication, heartbeats) and the `mls` library over bcmls with its encrypted state
/// directory. Deliveries are processed on the connection's event thread in `seq` order, Welcomes
/// joined, our own Commits applied when they are echoed, and everything acked; a test waits for a
/// `seq` and reads what processing it produced.
final class JavaMlsMember implements GatewayListener, AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final StateKey.Argon2Cost CHEAP = new StateKey.Argon2Cost(256, 1, 1);

  /// What processing one delivered entry produced: a [Processed], the group joined from a
  /// Welcome, or the error the library raised.
  record Event(long seq, Processed processed, boolean joined, MlsException error) {}

  /// One top-up after a `KeyPackagesLow` push (KP-10): the pool the push reported, how many
  /// packages went up, and the pool the gateway reported after the upload.
  record Replenished(int lowCount, int uploaded, int poolAfter) {}

  /// Options of a member: its user's key (null: a new user), its MLS config, whether it
  /// replenishes its KeyPackage pool when the gateway says it is low, and its transports.
  record Options(SigningKey user, MlsConfig config, boolean replenish, GatewayConnection.Transports transports) {
    static final Options NEW_USER = new Options(null, MlsConfig.DEFAULTS, false, GatewayConnection.Transports.WEBSOCKET_ONLY);
  }

  private final SecureRandom random = new SecureRandom();
  final Identity identity;
  final MlsClient mls;
  private final GatewayConnection connection;
  private final Map<String, List<Event>> events = new HashMap<>();
  private final Map<String, Long> processedUpTo = new HashMap<>();
  private final Set<String> groups = new HashSet<>();
  private final boolean replenish;
  private final java.util.concurrent.BlockingQueue<Object> replenished = new java.util.concurrent.LinkedBlockingQueue<>();

  private final Path home;
  private final URI gateway;
  private final Options options;

  /// A new device, or (`restarted` given) that device again from its state directory.
  private JavaMlsMember(Path home, URI gateway, Options options, Identity restarted) throws MlsException {
    this.home = home;
    this.gateway = gateway;
    this.options = options;
    SigningKey user = options.user() != null ? options.user() : SigningKey.generate(random);
    identity = restarted != null ? restarted : new Identity(user, ProcessId.random(random), new DeviceId(bytes(16)));
    replenish = options.replenish();
    EncryptedFileStore store = EncryptedFileStore.open(home, StateKey.passphrase("interop".toCharArray(), CHEAP), random);
    if (restarted != null) {
      mls = MlsClient.open(store, BcEngine.standard(), options.config(), Clock.systemUTC(), random);
      for (byte[] g : mls.groups()) groups.add(hex(g));
    } else {
      mls = MlsClient.create(store, BcEngine.standard(), new DeviceIdentity(identity.userId().bytes(), identity.device().bytes()),
          options.config(), Clock.systemUTC(), random);
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    connection = new GatewayConnection(new HttpTransports(gateway, http), identity, new Backoff(random), Clock.systemUTC(), this,
        "wya-interop-java/0.1", TIMEOUT).transports(options.transports());
  }

  /// A new device, logged in and caught up.
  static JavaMlsMember connect(Path home, URI gateway, Options options) throws Exception {
    return new JavaMlsMember(home, gateway, options, null).start();
  }

  /// After [#close()]: the same device in a new process, from its encrypted state directory
  /// alone; it logs in again and receives what it had not acked (DLV-5).
  JavaMlsMember reopen() throws Exception {
    return new JavaMlsMember(home, gateway, options, identity).start();
  }

  private JavaMlsMember start() throws Exception {
    connection.start();
    connection.awaitCaughtUp().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  byte[] userId() { return identity.userId().bytes(); }

  DeviceIdentity device() { return mls.device(); }

  /// A request and its reply; a refusal is thrown as the [io.wya.client.gateway.GatewayRejected].
  <T> T call(ClientFrame frame, Class<T> reply) throws Exception {
    try {
      ServerMessage m = connection.call(frame).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return reply.cast(m.frame());
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception cause) throw cause;
      throw e;
    }
  }

  /// Uploads `oneTime` packages and, with `lastResort`, the last-resort one — as KeyPackage bytes
  /// only (upload flag unset), so the gateway must find the `last_resort` extension our library
  /// writes into bcmls's package (KP-6). Fails unless the gateway's KeyPackageRefs (KP-5) are the
  /// library's.
  ServerFrame.KeyPackagesUploaded uploadKeyPackages(int oneTime, boolean lastResort) throws Exception {
    List<KeyPackageOffer> offers = new ArrayList<>();
    if (oneTime > 0) offers.addAll(mls.newKeyPackages(oneTime));
    if (lastResort) offers.add(mls.lastResortKeyPackage());
    ServerFrame.KeyPackagesUploaded uploaded = call(new ClientFrame.UploadKeyPackages(
        offers.stream().map(o -> new ClientFrame.KeyPackageUpload(o.keyPackage(), false)).toList()), ServerFrame.KeyPackagesUploaded.class);
    List<String> ours = offers.stream().map(o -> hex(o.ref())).toList();
    if (!uploaded.refs().stream().map(JavaMlsMember::hex).toList().equals(ours)) {
      throw new AssertionError("the gateway's KeyPackageRefs differ from the library's: " + ours);
    }
    return uploaded;
  }

  /// A new conversation with this device as its only member.
  byte[] createConversation() throws Exception {
    byte[] g = mls.createGroup().groupId();
    synchronized (this) {
      groups.add(hex(g));
    }
    call(new ClientFrame.CreateConversation(new ConvId(g), mls.groupInfo(g), ""), ServerFrame.ConversationCreated.class);
    return g;
  }

  /// Claims one KeyPackage of every device of `user` and adds them (one Commit and its Welcome).
  Sent add(byte[] g, byte[] user) throws Exception {
    ServerFrame.KeyPackagesClaimed claimed = call(new ClientFrame.ClaimKeyPackages(new UserId(user), List.of(), 1),
        ServerFrame.KeyPackagesClaimed.class);
    return send(mls.addMembers(g, claimed.keyPackages().stream().map(ServerFrame.ClaimedKeyPackage::keyPackage).toList()), claimed);
  }

  Sent send(CommitBundle bundle) throws Exception { return send(bundle, null); }

  private Sent send(CommitBundle bundle, ServerFrame.KeyPackagesClaimed claimed) throws Exception {
    try {
      ServerFrame.Sent sent = call(new ClientFrame.Send(new ConvId(bundle.groupId()), new MsgId(bytes(16)), bundle.commit(),
          bundle.welcome().orElse(new byte[0]), bundle.groupInfo(), ""), ServerFrame.Sent.class);
      return new Sent(sent.seq(), sent.epoch(), claimed);
    } catch (Exception e) {
      try {
        mls.discardPendingCommit(bundle.groupId());
      } catch (MlsException none) {
        // the winning Commit was processed first and dropped ours already (NO_PENDING_COMMIT)
        if (none.error() != io.wya.mls.MlsError.NO_PENDING_COMMIT) e.addSuppressed(none);
      }
      throw e;
    }
  }

  /// An application message.
  long send(byte[] g, String text) throws Exception {
    byte[] message = mls.encrypt(g, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return call(new ClientFrame.Send(new ConvId(g), new MsgId(bytes(16)), message, new byte[0], new byte[0], ""),
        ServerFrame.Sent.class).seq();
  }

  /// The GroupInfo the gateway holds for `g` (GI-1).
  byte[] groupInfo(byte[] g) throws Exception {
    return call(new ClientFrame.GetGroupInfo(new ConvId(g)), ServerFrame.GroupInfo.class).groupInfo();
  }

  /// Joins `g` by an external Commit (MBR-5) from `groupInfo`.
  Sent externalJoin(byte[] g, byte[] groupInfo) throws Exception {
    CommitBundle join = mls.externalJoin(groupInfo);
    synchronized (this) {
      groups.add(hex(g));
    }
    return send(join);
  }

  /// The next top-up after a `KeyPackagesLow` push.
  Replenished awaitReplenished() throws Exception {
    Object r = replenished.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (r == null) throw new AssertionError("no KeyPackage top-up within " + TIMEOUT);
    if (r instanceof Throwable t) throw new AssertionError("the KeyPackage top-up failed", t);
    return (Replenished) r;
  }

  /// A gateway `Sent` for a Commit, with what was claimed for it.
  record Sent(long seq, long epoch, ServerFrame.KeyPackagesClaimed claimed) {}

  /// Waits until `seq` of `g` was processed; returns (and forgets) the events up to it.
  synchronized List<Event> awaitSeq(byte[] g, long seq) throws InterruptedException {
    String id = hex(g);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (processedUpTo.getOrDefault(id, 0L) < seq) {
      long left = deadline - System.nanoTime();
      if (left <= 0) throw new AssertionError("seq " + seq + " of " + id + " was not processed within " + TIMEOUT);
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    List<Event> all = events.getOrDefault(id, new ArrayList<>());
    List<Event> upTo = all.stream().filter(e -> e.seq() <= seq).toList();
    all.removeAll(upTo);
    return upTo;
  }

  // ------------------------------------------------------------------ the connection's event thread

  @Override public void onDeliver(ServerFrame.Deliver d) {
    byte[] g = d.convId().bytes();
    String id = hex(g);
    Event event;
    try {
      if (d.kind() == EntryKind.WELCOME) {
        synchronized (this) {
          if (groups.contains(id)) return;
        }
        mls.joinFromWelcome(d.mlsMessage(), d.seq());
        synchronized (this) {
          groups.add(id);
        }
        event = new Event(d.seq(), null, true, null);
      } else {
        event = new Event(d.seq(), mls.process(g, d.seq(), d.mlsMessage()), false, null);
      }
    } catch (MlsException e) {
      event = new Event(d.seq(), null, false, e);
    }
    synchronized (this) {
      events.computeIfAbsent(id, k -> new ArrayList<>()).add(event);
      processedUpTo.merge(id, d.seq(), Math::max);
      notifyAll();
    }
    connection.fire(new ClientFrame.Ack(List.of(new ClientFrame.Cursor(d.convId(), d.seq()))));
  }

  /// Tops the pool up to the library's target, without blocking the event thread.
  @Override public void onKeyPackagesLow(ServerFrame.KeyPackagesLow low) {
    if (!replenish) return;
    try {
      List<ClientFrame.KeyPackageUpload> items = mls.replenishKeyPackages(low.oneTimeCount()).stream()
          .map(o -> new ClientFrame.KeyPackageUpload(o.keyPackage(), false)).toList();
      if (items.isEmpty()) return;
      connection.call(new ClientFrame.UploadKeyPackages(items)).whenComplete((m, e) -> replenished.add(e != null ? e
          : new Replenished(low.oneTimeCount(), items.size(), ((ServerFrame.KeyPackagesUploaded) m.frame()).oneTimeCount())));
    } catch (MlsException e) {
      replenished.add(e);
    }
  }

  @Override public void close() {
    connection.close();
    mls.close();
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  static String hex(byte[] b) { return HexFormat.of().formatHex(b); }
}
