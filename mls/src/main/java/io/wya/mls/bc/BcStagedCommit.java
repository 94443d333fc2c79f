package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import io.wya.mls.spi.StagedCommit;
import io.wya.mls.spi.StateReader;
import io.wya.mls.spi.StateWriter;
import java.util.Optional;
import org.bouncycastle.mls.protocol.Group;

/// A Commit of ours, with the group state it leads to, kept (and saved) until the Delivery
/// Service echoes the Commit back. `external` marks an external join (no current group).
final class BcStagedCommit implements StagedCommit {
  private static final int FORMAT = 1;

  final Group next;
  private final byte[] commit;
  private final byte[] welcome;
  private final byte[] groupInfo;
  private final long epoch;
  final boolean external;

  BcStagedCommit(Group next, byte[] commit, byte[] welcome, byte[] groupInfo, long epoch, boolean external) {
    this.next = next;
    this.commit = commit;
    this.welcome = welcome;
    this.groupInfo = groupInfo;
    this.epoch = epoch;
    this.external = external;
  }

  @Override public byte[] commit() { return commit.clone(); }

  @Override public Optional<byte[]> welcome() { return Optional.ofNullable(welcome).map(byte[]::clone); }

  @Override public byte[] groupInfo() { return groupInfo.clone(); }

  @Override public long epoch() { return epoch; }

  @Override
  public byte[] serialize() throws MlsException {
    try (BcLock _ = BcLock.hold()) {
      StateWriter w = new StateWriter().u8(FORMAT).bytes(commit).bytes(welcome).bytes(groupInfo).i64(epoch).bool(external);
      BcStateCodec.writeGroup(w, next);
      return w.toByteArray();
    }
  }

  static BcStagedCommit restore(byte[] state) throws MlsException {
    StateReader r = new StateReader(state);
    int format = r.u8("staged commit format");
    if (format != FORMAT) throw new MlsException(MlsError.STATE_FORMAT_UNSUPPORTED, "staged commit format " + format);
    byte[] commit = r.required("commit");
    byte[] welcome = r.bytes("welcome");
    byte[] groupInfo = r.required("group info");
    long epoch = r.i64("epoch");
    boolean external = r.bool("external");
    Group next = BcStateCodec.readGroup(r);
    r.end("staged commit");
    return new BcStagedCommit(next, commit, welcome, groupInfo, epoch, external);
  }
}
