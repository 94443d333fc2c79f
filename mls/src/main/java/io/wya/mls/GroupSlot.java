package io.wya.mls;

import io.wya.mls.spi.EngineGroup;
import io.wya.mls.spi.MlsEngine;
import io.wya.mls.spi.StagedCommit;
import io.wya.mls.spi.StateReader;
import io.wya.mls.spi.StateWriter;
import java.util.HexFormat;

/// One group as the facade keeps it: the engine's group, our staged Commit awaiting its echo,
/// the last gateway `seq` consumed, and the status. Saved as the `group.<hex id>` blob, all of
/// it in one atomic write, so a crash between processing an entry and recording its `seq` cannot
/// happen.
final class GroupSlot {
  private static final int FORMAT = 1;

  final byte[] groupId;
  GroupStatus status;
  String problem;
  long lastSeq;
  EngineGroup group;
  StagedCommit pending;

  GroupSlot(byte[] groupId, GroupStatus status, long lastSeq, EngineGroup group) {
    this.groupId = groupId.clone();
    this.status = status;
    this.lastSeq = lastSeq;
    this.group = group;
  }

  static String name(byte[] groupId) {
    return "group." + HexFormat.of().formatHex(groupId);
  }

  String name() { return name(groupId); }

  byte[] encode(String engineId) throws MlsException {
    StateWriter w = new StateWriter().u8(FORMAT).string(engineId).bytes(groupId).u8(status.ordinal()).string(problem).i64(lastSeq);
    w.bytes(group == null ? null : group.serialize());
    w.bytes(pending == null ? null : pending.serialize());
    return w.toByteArray();
  }

  static GroupSlot decode(byte[] blob, MlsEngine engine) throws MlsException {
    StateReader r = new StateReader(blob);
    int format = r.u8("group format");
    if (format != FORMAT) throw new MlsException(MlsError.STATE_FORMAT_UNSUPPORTED, "group state format " + format);
    String engineId = r.string("engine id");
    if (!engine.id().equals(engineId)) {
      throw new MlsException(MlsError.STATE_FORMAT_UNSUPPORTED, "group state of engine " + engineId + ", this is " + engine.id());
    }
    byte[] groupId = r.required("group id");
    int status = r.u8("status");
    if (status >= GroupStatus.values().length) throw new MlsException(MlsError.STATE_CORRUPT, "group status " + status);
    String problem = r.string("problem");
    long lastSeq = r.i64("last seq");
    byte[] group = r.bytes("engine group");
    byte[] pending = r.bytes("staged commit");
    r.end("group state");
    GroupSlot slot = new GroupSlot(groupId, GroupStatus.values()[status], lastSeq, group == null ? null : engine.restoreGroup(group));
    slot.problem = problem;
    slot.pending = pending == null ? null : engine.restoreStagedCommit(pending);
    return slot;
  }
}
