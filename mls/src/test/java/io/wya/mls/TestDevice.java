package io.wya.mls;

import io.wya.mls.bc.BcEngine;
import io.wya.mls.spi.MlsEngine;
import io.wya.mls.store.InMemoryStateStore;
import io.wya.mls.store.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// A device of a test user: an [MlsClient] over a store that outlives [#restart()], and the
/// gateway rules of an [OrderingLog] to talk through.
public final class TestDevice {
  public final DeviceIdentity id;
  public final StateStore store;
  public final MlsEngine engine;
  public final TestClock clock;
  public MlsClient client;

  public TestDevice(String user, int device, StateStore store, MlsEngine engine, TestClock clock) throws MlsException {
    this.id = identity(user, device);
    this.store = store;
    this.engine = engine;
    this.clock = clock;
    this.client = MlsClient.create(store, engine, id, MlsConfig.DEFAULTS, clock, new SecureRandom());
  }

  public static TestDevice of(String user, int device) throws MlsException {
    return new TestDevice(user, device, new InMemoryStateStore(), BcEngine.standard(), TestClock.now());
  }

  public static DeviceIdentity identity(String user, int device) {
    try {
      byte[] userId = MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8));
      byte[] deviceId = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest((user + "/" + device).getBytes(StandardCharsets.UTF_8)), 16);
      return new DeviceIdentity(userId, deviceId);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] userId() { return id.userId(); }

  public byte[] keyPackage() throws MlsException {
    return client.newKeyPackages(1).getFirst().keyPackage();
  }

  /// Processes every entry of the log this device has not consumed yet.
  public List<Processed> sync(byte[] groupId, OrderingLog log) throws MlsException {
    List<Processed> out = new ArrayList<>();
    for (OrderingLog.Entry e : log.after(client.group(groupId).lastSeq())) out.add(client.process(groupId, e.seq(), e.message()));
    return out;
  }

  /// Sends a Commit bundle and processes everything up to and including its echo.
  public long commit(CommitBundle bundle, OrderingLog log) throws Exception {
    long seq = log.send(bundle);
    sync(bundle.groupId(), log);
    return seq;
  }

  /// Joins from the Welcome released with the Commit at `seq`.
  public byte[] join(OrderingLog log, long seq) throws MlsException {
    return client.joinFromWelcome(log.welcomeAt(seq), seq);
  }

  /// A process restart: the client is rebuilt from the store alone.
  public void restart() throws MlsException {
    client = MlsClient.open(store, engine, MlsConfig.DEFAULTS, clock, new SecureRandom());
  }

  public byte[] authenticator(byte[] groupId) throws MlsException {
    return client.group(groupId).epochAuthenticator();
  }
}
