package io.wya.gateway.mailbox;

import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.MsgId;

/// One accepted entry of a conversation's log, as stored (GATEWAY_SPEC §7–§8). `kind` is the
/// stored kind (APPLICATION, PROPOSAL, COMMIT or RESET); a recipient added by this Commit sees it
/// as WELCOME ([#welcomeFor]).
///
/// @param welcome    the Commit's Welcome, or null
/// @param groupInfo  the Commit's GroupInfo of the new epoch, or null
/// @param successor  RESET only: the successor conversation, else null
/// @param epoch      the message's epoch (for RESET: the conversation's epoch when it closed)
public record Entry(ConvId conv, long seq, MsgId msgId, EntryKind kind, long epoch, byte[] mlsMessage, byte[] welcome,
                    byte[] groupInfo, ConvId successor, String convHome, String originGateway, long acceptedAtMs,
                    DeviceKey sender) {
  /// True when a device whose window starts at `addedSeq` receives this entry as its Welcome
  /// (MBR-3).
  public boolean welcomeFor(long addedSeq) {
    return welcome != null && addedSeq == seq;
  }

  /// Bytes held in memory (for write-queue accounting).
  public int size() {
    return mlsMessage.length + (welcome == null ? 0 : welcome.length) + (groupInfo == null ? 0 : groupInfo.length) + 96;
  }
}
