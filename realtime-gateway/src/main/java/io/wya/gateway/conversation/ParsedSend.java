package io.wya.gateway.conversation;

import io.wya.gateway.protocol.ClientFrame;
import io.wya.mls.wire.Commit;
import io.wya.mls.wire.GroupInfo;
import io.wya.mls.wire.MlsMessage;
import io.wya.mls.wire.PublicMessage;
import io.wya.mls.wire.Welcome;

/// A `Send` whose MLS bytes passed the strict parser and the checks that need no stored state
/// (MLS-1…MLS-3, LIM-2, GW-1's destination check). Created only by [SendParser].
///
/// @param publicMessage the handshake, or null for an application message
/// @param commit        the Commit of a COMMIT, else null
/// @param groupInfo     a COMMIT's GroupInfo (COMMIT-1), else null
/// @param welcome       a COMMIT's Welcome (COMMIT-2), or null
public record ParsedSend(ClientFrame.Send request, Kind kind, MlsMessage message, long epoch, PublicMessage publicMessage,
                         Commit commit, GroupInfo groupInfo, Welcome welcome) {
  /// What the message is, for the rules and for its Deliver kind.
  public enum Kind { APPLICATION, PROPOSAL, COMMIT }

  /// True for an external join (RFC 9420 §12.4.3.2; MBR-5).
  public boolean externalCommit() {
    return publicMessage != null && publicMessage.sender() instanceof io.wya.mls.wire.Sender.NewMemberCommit;
  }
}
