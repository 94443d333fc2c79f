package io.wya.gateway.protocol;

import java.util.List;

/// Operations a client sends (frame numbers 10–99; GATEWAY_SPEC §13). Byte-array fields that are
/// optional on the wire are empty arrays when absent.
public sealed interface ClientFrame
    permits ClientFrame.Authenticate, ClientFrame.Resume, Ping, Pong, ClientFrame.CreateConversation, ClientFrame.Send,
    ClientFrame.Ack, ClientFrame.GetGroupInfo, ClientFrame.ResetConversation, ClientFrame.ListConversations,
    ClientFrame.UploadKeyPackages, ClientFrame.ClaimKeyPackages, ClientFrame.GetKeyPackageCount,
    ClientFrame.SetPresence, ClientFrame.WatchPresence {

  /// Ed25519 proof of the user's system key over the connection's challenge (§5.1).
  record Authenticate(DeviceKey device, byte[] signature, String clientInfo) implements ClientFrame {}

  /// Authentication by a single-use resume token (AUTH-5).
  record Resume(byte[] resumeToken) implements ClientFrame {}

  /// Creates a conversation from the GroupInfo of its MLS group at epoch 0 (CONV-1).
  record CreateConversation(ConvId convId, byte[] groupInfo, String destinationGateway) implements ClientFrame {}

  /// One MLSMessage into a conversation, with the Welcome and GroupInfo of a Commit bundle.
  record Send(ConvId convId, MsgId msgId, byte[] mlsMessage, byte[] welcome, byte[] groupInfo, String destinationGateway)
      implements ClientFrame {
    public boolean hasWelcome() { return welcome.length > 0; }

    public boolean hasGroupInfo() { return groupInfo.length > 0; }
  }

  /// Cumulative acks, one cursor per conversation (ACK-1).
  record Ack(List<Cursor> cursors) implements ClientFrame {
    public Ack {
      cursors = List.copyOf(cursors);
    }
  }

  /// `(conv_id, seq)`: everything up to `seq` was received.
  record Cursor(ConvId convId, long seq) {}

  record GetGroupInfo(ConvId convId) implements ClientFrame {}

  /// Closes a wedged conversation and creates its successor (RESET-1).
  record ResetConversation(ConvId convId, byte[] groupInfo) implements ClientFrame {}

  record ListConversations() implements ClientFrame {}

  record UploadKeyPackages(List<KeyPackageUpload> items) implements ClientFrame {
    public UploadKeyPackages {
      items = List.copyOf(items);
    }
  }

  /// One uploaded `MLSMessage(KeyPackage)`; `lastResort` marks it last-resort (KP-6).
  record KeyPackageUpload(byte[] keyPackage, boolean lastResort) {}

  /// Claims one KeyPackage per device of `user` (all of them when `devices` is empty).
  record ClaimKeyPackages(UserId user, List<DeviceId> devices, int cipherSuite) implements ClientFrame {
    public ClaimKeyPackages {
      devices = List.copyOf(devices);
    }
  }

  record GetKeyPackageCount() implements ClientFrame {}

  /// Sets the device's presence lease (PRS-5); OFFLINE ends it. `activity` is empty when absent.
  record SetPresence(PresenceStatus status, String activity) implements ClientFrame {}

  /// Changes the watchlist: `remove` first, then `add` (PRS-1, PRS-2).
  record WatchPresence(List<UserId> add, List<UserId> remove) implements ClientFrame {
    public WatchPresence {
      add = List.copyOf(add);
      remove = List.copyOf(remove);
    }
  }
}
