package io.wya.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.wya.gateway.auth.Authenticator;
import io.wya.gateway.auth.DeviceStore;
import io.wya.gateway.auth.ResumeTokens;
import io.wya.gateway.config.ConfigLoader;
import io.wya.gateway.config.GatewayConfig;
import io.wya.gateway.keypackage.KeyPackageDirectory;
import io.wya.gateway.keypackage.KeyPackageStore;
import io.wya.gateway.limits.PenaltyStore;
import io.wya.gateway.limits.WindowCounter;
import io.wya.gateway.mailbox.Entry;
import io.wya.gateway.mailbox.EntryEvent;
import io.wya.gateway.mailbox.MailboxStore;
import io.wya.gateway.mailbox.Membership;
import io.wya.gateway.observe.Metrics;
import io.wya.gateway.protocol.AuthMessage;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.CloseCode;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.FrameCodec;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.Ping;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.UserId;
import io.wya.gateway.testing.TestClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The session state machine without sockets or stores: a list sink, an in-memory mailbox whose
/// reads the test completes by hand, a clock the test moves.
class SessionTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TestClock clock = TestClock.frozen();
  private final ListSink sink = new ListSink();
  private final HeldMailbox mailbox = new HeldMailbox();
  private final List<List<String>> penalized = new ArrayList<>();
  private final DeliveryHub hub = new DeliveryHub();
  private final Ed25519PrivateKeyParameters systemKey = new Ed25519PrivateKeyParameters(RANDOM);
  private final DeviceKey device = new DeviceKey(new UserId(systemKey.generatePublicKey().getEncoded()), new DeviceId(bytes(16)));
  private final ConvId conv = new ConvId(bytes(32));
  private GatewayConfig config;
  private Session session;

  @BeforeEach
  void setUp() {
    config = ConfigLoader.load(Map.of("GATEWAY_ID", "gw_unit", "GATEWAY_PENALTY_STRIKES", "3", "GATEWAY_REPLAY_BATCH", "10",
        "GATEWAY_WRITE_QUEUE_BYTES", "4096"));
  }

  private Session newSession() {
    // The session tests never upload or claim: those paths fail loudly if a test reaches them.
    KeyPackageStore kp = new KeyPackageStore() {
      public Future<Stored> store(DeviceKey o, List<NewKeyPackage> b, int m, Instant n) { return notUsedHere(); }
      public Future<Claimed> claim(DeviceKey d, int s, Instant n) { return notUsedHere(); }
      public Future<List<DeviceId>> devicesOf(UserId u) { return notUsedHere(); }
      public Future<List<SuiteCount>> counts(DeviceKey d, Instant n) { return Future.succeededFuture(List.of(new SuiteCount(1, 50, true))); }
      public Future<Integer> purgeExpired(Instant n) { return Future.succeededFuture(0); }
      public Future<long[]> poolLevels(Instant n) { return Future.succeededFuture(new long[2]); }
    };
    WindowCounter counter = (key, window) -> Future.succeededFuture(new WindowCounter.Count(1, window.toMillis()));
    KeyPackageDirectory directory = new KeyPackageDirectory(config, kp, counter, (d, w) -> { }, clock);
    DeviceStore devices = (d, max, now) -> Future.succeededFuture(DeviceStore.Registration.EXISTING);
    ResumeTokens tokens = new ResumeTokens() {
      public Future<Void> issue(byte[] token, DeviceKey d, Duration ttl) { return Future.succeededFuture(); }
      public Future<DeviceKey> consume(byte[] token) { return Future.succeededFuture(); }
    };
    PenaltyStore penalties = new PenaltyStore() {
      public Future<Long> barredForMs(String subject) { return Future.succeededFuture(0L); }
      public Future<Long> penalize(List<String> subjects, Duration base, Duration max) {
        penalized.add(subjects);
        return Future.succeededFuture(base.toMillis());
      }
    };
    SessionServices services = new SessionServices(config, clock, SessionTest::bytes, new Authenticator("gw_unit"), devices, tokens,
        mailbox, directory, penalties, new SessionRegistry(5), new Metrics(), new Operations());
    Session s = new Session(services, sink, Loop.DIRECT, hub, "");
    s.start();
    return s;
  }

  private static <T> Future<T> notUsedHere() {
    return Future.failedFuture(new AssertionError("the session tests do not reach the KeyPackage store"));
  }

  private void authenticate() {
    session = newSession();
    ServerFrame.Challenge challenge = (ServerFrame.Challenge) sink.frames.getFirst();
    byte[] message = AuthMessage.of("gw_unit", challenge.nonce(), device);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, systemKey);
    signer.update(message, 0, message.length);
    session.onFrame(FrameCodec.encodeClient(1, new ClientFrame.Authenticate(device, signer.generateSignature(), "unit")));
    assertThat(sink.frames.get(1)).isInstanceOf(ServerFrame.Ready.class);
    sink.frames.clear();
  }

  private Entry entry(long seq) {
    return new Entry(conv, seq, new MsgId(bytes(16)), EntryKind.APPLICATION, 1, bytes(40), null, null, null, "gw_unit", "gw_unit",
        clock.millis(), device);
  }

  private List<Long> delivered() {
    return sink.frames.stream().filter(f -> f instanceof ServerFrame.Deliver).map(f -> ((ServerFrame.Deliver) f).seq()).toList();
  }

  @Test
  @DisplayName("DLV-3 the backlog after the cursor comes first, live entries arriving meanwhile follow in seq order, then CaughtUp")
  void backlogThenLive() {
    mailbox.membership = new Membership(conv, 0, Membership.ACTIVE, 0, 3, 1, "gw_unit", null);
    for (long s = 1; s <= 3; s++) mailbox.log.add(entry(s));
    authenticate();
    assertThat(mailbox.reads).hasSize(1);
    mailbox.log.add(entry(4));
    hub.deliver(EntryEvent.of(entry(4)));
    assertThat(delivered()).as("nothing live before the backlog").isEmpty();
    mailbox.completeNext();
    assertThat(delivered()).containsExactly(1L, 2L, 3L);
    mailbox.completeNext();
    assertThat(delivered()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(sink.frames.getLast()).isInstanceOf(ServerFrame.CaughtUp.class);
    hub.deliver(EntryEvent.of(entry(5)));
    assertThat(delivered()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(mailbox.reads).as("a live next entry is written without a read").isEmpty();
  }

  @Test
  @DisplayName("MULTI-1 DLV-1 a wake-up after a lost one makes the session read the gap from the store; late repeats are dropped")
  void gapIsReadFromTheStore() {
    mailbox.membership = new Membership(conv, 0, Membership.ACTIVE, 0, 0, 1, "gw_unit", null);
    authenticate();
    mailbox.completeNext();
    for (long s = 1; s <= 3; s++) mailbox.log.add(entry(s));
    hub.deliver(EntryEvent.of(mailbox.log.getFirst()));
    hub.deliver(EntryEvent.of(mailbox.log.get(2)));
    assertThat(delivered()).containsExactly(1L);
    mailbox.completeNext();
    assertThat(delivered()).containsExactly(1L, 2L, 3L);
    hub.deliver(EntryEvent.of(mailbox.log.get(1)));
    assertThat(delivered()).as("seq 2 arriving late is not written twice").containsExactly(1L, 2L, 3L);
  }

  @Test
  @DisplayName("BP-1 a session whose write queue is over the limit is paused, writes no entries, and is caught up from the store once it drains")
  void backPressure() {
    mailbox.membership = new Membership(conv, 0, Membership.ACTIVE, 0, 0, 1, "gw_unit", null);
    authenticate();
    mailbox.completeNext();
    sink.queued = 10_000;
    for (long s = 1; s <= 5; s++) {
      mailbox.log.add(entry(s));
      hub.deliver(EntryEvent.of(mailbox.log.getLast()));
    }
    assertThat(delivered()).as("the first write found the queue full and paused the session").containsExactly(1L);
    assertThat(mailbox.reads).as("no store reads while paused").isEmpty();
    sink.queued = 0;
    session.onDrained();
    mailbox.completeNext();
    assertThat(delivered()).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  @DisplayName("HB-3 HB-2 AUTH-3 CLOSE-1 ticks send Pings when idle and close silent or unauthenticated sessions, each after a Closing")
  void timers() {
    session = newSession();
    clock.advance(config.sessions().authTimeout());
    session.tick();
    assertThat(sink.frames.getLast()).isInstanceOfSatisfying(ServerFrame.Closing.class,
        c -> assertThat(c.code()).isEqualTo(CloseCode.AUTH_TIMEOUT));
    assertThat(sink.closedWith).isEqualTo(CloseCode.AUTH_TIMEOUT);

    sink.reset();
    mailbox.membership = null;
    authenticate();
    clock.advance(config.sessions().heartbeatInterval());
    session.tick();
    assertThat(sink.frames.getLast()).isInstanceOf(Ping.class);
    clock.advance(config.sessions().heartbeatTimeout());
    session.tick();
    assertThat(sink.frames.getLast()).isInstanceOfSatisfying(ServerFrame.Closing.class,
        c -> assertThat(c.code()).isEqualTo(CloseCode.HEARTBEAT_TIMEOUT));
    assertThat(sink.closedWith).isEqualTo(CloseCode.HEARTBEAT_TIMEOUT);
  }

  @Test
  @DisplayName("DLV-1 the entries of one group commit reach a live session in seq order, written without a flush and flushed once")
  void groupCommitIsOneFlush() {
    mailbox.membership = new Membership(conv, 0, Membership.ACTIVE, 0, 0, 1, "gw_unit", null);
    authenticate();
    mailbox.completeNext();
    sink.reset();
    sink.flushes.clear();
    hub.deliver(List.of(EntryEvent.of(entry(1)), EntryEvent.of(entry(2)), EntryEvent.of(entry(3))));
    assertThat(delivered()).containsExactly(1L, 2L, 3L);
    assertThat(sink.flushes).as("one flush, after the three writes").containsExactly(3);
    assertThat(sink.unflushed).isZero();
    hub.deliver(EntryEvent.of(entry(4)));
    assertThat(delivered()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(sink.flushes).containsExactly(3, 1);
    session.onFrame(FrameCodec.encodeClient(7, new Ping(9)));
    assertThat(sink.unflushed).as("a reply outside a fan-out pass is flushed at once").isZero();
  }

  @Test
  @DisplayName("HB-4 a session that keeps receiving but sends nothing gets a Ping each interval, and stays open while it answers")
  void receiveOnlySessionsArePinged() {
    mailbox.membership = new Membership(conv, 0, Membership.ACTIVE, 0, 0, 1, "gw_unit", null);
    authenticate();
    mailbox.completeNext();
    long step = config.sessions().heartbeatInterval().toMillis() / 5;
    int pings = 0;
    for (long seq = 1; seq <= 30; seq++) {
      clock.advance(Duration.ofMillis(step));
      hub.deliver(EntryEvent.of(entry(seq)));
      sink.frames.clear();
      session.tick();
      for (ServerFrame f : sink.frames) {
        if (f instanceof Ping p) {
          pings++;
          session.onFrame(FrameCodec.encodeClient(0, new io.wya.gateway.protocol.Pong(p.nonce())));
        }
      }
    }
    assertThat(pings).as("one per interval over six intervals").isBetween(5, 6);
    assertThat(sink.closedWith).isNull();
  }

  @Test
  @DisplayName("REQ-1 an operation still running after GATEWAY_OPERATION_TIMEOUT is answered UNAVAILABLE, the frames behind it are served, and its late result is not sent")
  void aStuckOperationIsAnsweredAndStopsHoldingTheSession() {
    authenticate();
    Promise<List<Membership>> stuck = Promise.promise();
    mailbox.heldMemberships = stuck;
    session.onFrame(FrameCodec.encodeClient(7, new ClientFrame.ListConversations()));
    session.onFrame(FrameCodec.encodeClient(8, new ClientFrame.ListConversations()));
    assertThat(sink.frames).as("the second waits behind the first").noneMatch(f -> f instanceof ServerFrame.Conversations);

    clock.advance(config.sessions().operationTimeout().minusMillis(1));
    session.tick();
    assertThat(sink.frames).noneMatch(f -> f instanceof ServerFrame.Error);

    clock.advance(Duration.ofMillis(1));
    session.tick();
    List<ServerFrame> answers = sink.frames.stream().filter(f -> !(f instanceof Ping)).toList();
    assertThat(answers).hasSize(2);
    assertThat(answers.getFirst()).isInstanceOfSatisfying(ServerFrame.Error.class,
        e -> assertThat(e.code()).isEqualTo(io.wya.gateway.protocol.ErrorCode.UNAVAILABLE));
    assertThat(answers.get(1)).isInstanceOf(ServerFrame.Conversations.class);

    sink.frames.clear();
    stuck.complete(List.of());
    assertThat(sink.frames).as("the late result of an answered request").isEmpty();
    assertThat(sink.closedWith).isNull();
  }

  @Test
  @DisplayName("LIM-4 the strikes of a session bar its device and client address and close it with PENALTY")
  void strikesPenalize() {
    mailbox.membership = null;
    authenticate();
    for (int i = 0; i < 3; i++) session.onFrame(new byte[] {(byte) 0xFF});
    assertThat(penalized).containsExactly(List.of("ip:10.0.0.9", Session.penaltySubject(device)));
    assertThat(sink.frames.getLast()).isInstanceOfSatisfying(ServerFrame.Closing.class, c -> {
      assertThat(c.code()).isEqualTo(CloseCode.PENALTY);
      assertThat(c.retryAfterMs()).isEqualTo(config.limits().penaltyBase().toMillis());
    });
    assertThat(sink.closedWith).isEqualTo(CloseCode.PENALTY);
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /// Records decoded frames and, for each flush, how many frames it wrote out; the test sets the
  /// queued bytes.
  static final class ListSink implements FrameSink {
    final List<ServerFrame> frames = new ArrayList<>();
    final List<Integer> flushes = new ArrayList<>();
    int unflushed;
    long queued;
    CloseCode closedWith;

    void reset() {
      frames.clear();
      closedWith = null;
    }

    @Override
    public void write(Outbound frame) {
      write(frame, true);
    }

    @Override
    public void write(Outbound frame, boolean flush) {
      try {
        frames.add(FrameCodec.decodeServer(frame.bytes()).frame());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      unflushed++;
      if (flush) flush();
    }

    @Override
    public void flush() {
      if (unflushed > 0) flushes.add(unflushed);
      unflushed = 0;
    }

    @Override public long queuedBytes() { return queued; }

    @Override public void close(CloseCode code, String reason) { closedWith = code; }

    @Override public String transport() { return "test"; }

    @Override public String clientAddress() { return "10.0.0.9"; }
  }

  /// One conversation's log and the device's membership; a read sees the log as it was when it
  /// started and completes when the test says so.
  static final class HeldMailbox implements MailboxStore {
    final List<Entry> log = new ArrayList<>();
    final ArrayDeque<Runnable> reads = new ArrayDeque<>();
    Membership membership;
    /// When set, the next `memberships` call waits for this promise.
    Promise<List<Membership>> heldMemberships;

    void completeNext() {
      reads.poll().run();
    }

    @Override
    public Future<List<Membership>> memberships(DeviceKey device) {
      if (heldMemberships != null) {
        Future<List<Membership>> held = heldMemberships.future();
        heldMemberships = null;
        return held;
      }
      return Future.succeededFuture(membership == null ? List.of() : List.of(membership));
    }

    @Override
    public Future<Membership> membership(ConvId conv, DeviceKey device) {
      return Future.succeededFuture(membership);
    }

    @Override
    public Future<List<Entry>> read(ConvId conv, DeviceKey device, long afterSeq, int limit, int maxBytes) {
      Promise<List<Entry>> p = Promise.promise();
      List<Entry> snapshot = log.stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
      reads.add(() -> p.complete(snapshot));
      return p.future();
    }

    @Override public Future<Void> ack(DeviceKey device, Map<ConvId, Long> cursors) { return Future.succeededFuture(); }

    @Override public Future<Integer> prune(Instant minAgeCutoff, Instant maxAgeCutoff) { return Future.succeededFuture(0); }
  }
}
