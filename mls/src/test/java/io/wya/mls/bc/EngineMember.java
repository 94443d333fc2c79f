package io.wya.mls.bc;

import io.wya.mls.MlsException;
import io.wya.mls.spi.CommitPlan;
import io.wya.mls.spi.EngineGroup;
import io.wya.mls.spi.GeneratedKeyPackage;
import io.wya.mls.spi.Incoming;
import io.wya.mls.spi.MlsEngine;
import io.wya.mls.spi.SigningKey;
import io.wya.mls.spi.StagedCommit;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.Welcome;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/// One member driven straight through the engine SPI (no facade): the test fixture for the
/// engine's own tests. Applies its own Commits only on their echo, like the facade.
final class EngineMember {
  final BcEngine engine;
  final byte[] identity;
  final SigningKey key;
  final Map<String, byte[]> keyPackageSecrets = new HashMap<>();
  EngineGroup group;
  StagedCommit pending;

  EngineMember(BcEngine engine, int n) {
    this.engine = engine;
    this.identity = new byte[48];
    Arrays.fill(identity, (byte) n);
    this.key = engine.newSigningKey();
  }

  static BcEngine engine() throws MlsException {
    return new BcEngine(1, BcEngine.Options.DEFAULTS, new SecureRandom());
  }

  GeneratedKeyPackage keyPackage(boolean lastResort) throws MlsException {
    Instant now = Instant.now();
    GeneratedKeyPackage kp = engine.newKeyPackage(identity, key, now.minusSeconds(60), now.plusSeconds(86_400), lastResort);
    keyPackageSecrets.put(HexFormat.of().formatHex(kp.ref()), kp.privateState());
    return kp;
  }

  void create(byte[] groupId) throws MlsException {
    Instant now = Instant.now();
    group = engine.createGroup(groupId, identity, key, now.minusSeconds(60), now.plusSeconds(86_400));
  }

  void join(byte[] welcome) throws Exception {
    Welcome parsed = (Welcome) MlsWire.parseMessage(welcome);
    MlsEngine.Joined joined = engine.join(parsed, welcome, key,
        ref -> Optional.ofNullable(keyPackageSecrets.get(HexFormat.of().formatHex(ref))));
    group = joined.group();
  }

  StagedCommit commit(List<byte[]> adds, List<Integer> removes, boolean path) throws MlsException {
    pending = group.stageCommit(new CommitPlan(adds, removes, path));
    return pending;
  }

  /// Processes a delivered message; our own Commit applies the staged one.
  Incoming receive(byte[] message) throws Exception {
    Incoming in = group.process(MlsWire.parseMessage(message), message);
    switch (in) {
      case Incoming.OwnCommit own -> {
        if (pending == null || !Arrays.equals(pending.commit(), message)) throw new IllegalStateException("unknown own commit");
        group = group.merge(pending);
        pending = null;
      }
      case Incoming.CommitApplied applied -> {
        group = applied.next();
        pending = null;
      }
      default -> { }
    }
    return in;
  }

  /// Saves and restores the group (and any staged Commit), as a restart would.
  void restart() throws MlsException {
    group = engine.restoreGroup(group.serialize());
    if (pending != null) pending = engine.restoreStagedCommit(pending.serialize());
  }
}
