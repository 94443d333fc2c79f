package io.wya.gateway.protocol;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/// Frames the gateway sends (frame numbers 100–199; GATEWAY_SPEC §4–§13). Byte-array fields that
/// are optional on the wire are empty arrays when absent.
public sealed interface ServerFrame
    permits ServerFrame.Challenge, ServerFrame.Ready, ServerFrame.Error, ServerFrame.Closing, ServerFrame.Ok, Ping, Pong,
    ServerFrame.Deliver, ServerFrame.CaughtUp, ServerFrame.HistoryGap, ServerFrame.Sent, ServerFrame.ConversationCreated,
    ServerFrame.GroupInfo, ServerFrame.Conversations, ServerFrame.KeyPackagesUploaded, ServerFrame.KeyPackagesClaimed,
    ServerFrame.KeyPackageCount, ServerFrame.KeyPackagesLow, ServerFrame.PresenceLease, ServerFrame.PresenceSnapshot,
    ServerFrame.PresenceChanged, ServerFrame.PresenceWatchEnded, ServerFrame.Unknown {

  /// Limits announced in the Challenge.
  record Limits(int maxFrameBytes, int maxMlsMessageBytes, int maxKeyPackagesPerUpload, int frameRate, int sendRate) {}

  /// First frame of every connection (§5.1). `streamId` is set on SSE only.
  record Challenge(byte[] nonce, String gatewayId, long serverTimeMs, int heartbeatIntervalMs, int heartbeatTimeoutMs,
                   Limits limits, String streamId) implements ServerFrame {}

  record Ready(String sessionId, byte[] resumeToken, long resumeTokenTtlMs, boolean deviceRegistered, String gatewayId,
               DeviceKey device) implements ServerFrame {}

  /// An answer to one rejected request (§10). Optional details are empty when not applicable.
  record Error(ErrorCode code, String message, long retryAfterMs, OptionalLong currentEpoch, OptionalInt itemIndex,
               String mlsReason, OptionalInt mlsOffset, KeyPackageRejection keyPackageReason, byte[] successorConvId)
      implements ServerFrame {
    public static Error of(ErrorCode code, String message) {
      return new Error(code, message, 0, OptionalLong.empty(), OptionalInt.empty(), "", OptionalInt.empty(), null, new byte[0]);
    }

    public boolean retryable() { return code.retryable(); }

    public Error withRetryAfterMs(long ms) {
      return new Error(code, message, ms, currentEpoch, itemIndex, mlsReason, mlsOffset, keyPackageReason, successorConvId);
    }

    public Error withCurrentEpoch(long epoch) {
      return new Error(code, message, retryAfterMs, OptionalLong.of(epoch), itemIndex, mlsReason, mlsOffset, keyPackageReason,
          successorConvId);
    }

    public Error withItemIndex(int index) {
      return new Error(code, message, retryAfterMs, currentEpoch, OptionalInt.of(index), mlsReason, mlsOffset,
          keyPackageReason, successorConvId);
    }

    public Error withMlsReason(String reason, int offset) {
      return new Error(code, message, retryAfterMs, currentEpoch, itemIndex, reason, OptionalInt.of(offset),
          keyPackageReason, successorConvId);
    }

    public Error withKeyPackageReason(KeyPackageRejection reason) {
      return new Error(code, message, retryAfterMs, currentEpoch, itemIndex, mlsReason, mlsOffset, reason, successorConvId);
    }

    public Error withSuccessor(ConvId successor) {
      return new Error(code, message, retryAfterMs, currentEpoch, itemIndex, mlsReason, mlsOffset, keyPackageReason,
          successor.bytes());
    }
  }

  /// Sent before a close (CLOSE-1); on SSE it is the close.
  record Closing(CloseCode code, String reason, long retryAfterMs) implements ServerFrame {
    public RetryPolicy retry() { return code.retry(); }
  }

  /// Success without a payload (e.g. an Ack with a request_id).
  record Ok() implements ServerFrame {}

  /// One log entry for its recipient (§8.1). `groupInfo` only for WELCOME, `successor` only for RESET.
  record Deliver(ConvId convId, long seq, MsgId msgId, EntryKind kind, long epoch, byte[] mlsMessage, byte[] groupInfo,
                 ConvId successor, String convHome, String originGateway, long acceptedAtMs) implements ServerFrame {}

  /// The backlog after Ready has been sent (DLV-3).
  record CaughtUp(int conversations) implements ServerFrame {}

  /// Entries `fromSeq..toSeq` were pruned before this device acked them (RET-2).
  record HistoryGap(ConvId convId, long fromSeq, long toSeq) implements ServerFrame {}

  record Sent(ConvId convId, long seq, MsgId msgId, long epoch, boolean duplicate, String convHome, String originGateway)
      implements ServerFrame {}

  record ConversationCreated(ConvId convId, long epoch, String convHome, String originGateway) implements ServerFrame {}

  record GroupInfo(ConvId convId, long epoch, byte[] groupInfo, String convHome, String originGateway) implements ServerFrame {}

  record ConversationSummary(ConvId convId, long epoch, long headSeq, long ackedSeq, String convHome, ConvId successor,
                             boolean active) {}

  record Conversations(List<ConversationSummary> conversations) implements ServerFrame {
    public Conversations {
      conversations = List.copyOf(conversations);
    }
  }

  record KeyPackagesUploaded(List<byte[]> refs, int oneTimeCount, boolean hasLastResort, String servedBy, String userHomeGateway)
      implements ServerFrame {
    public KeyPackagesUploaded {
      refs = List.copyOf(refs);
    }
  }

  record ClaimedKeyPackage(DeviceId device, byte[] keyPackage, byte[] ref, boolean lastResort) {}

  record KeyPackagesClaimed(UserId user, List<ClaimedKeyPackage> keyPackages, List<DeviceId> exhausted, String servedBy,
                            String userHomeGateway) implements ServerFrame {
    public KeyPackagesClaimed {
      keyPackages = List.copyOf(keyPackages);
      exhausted = List.copyOf(exhausted);
    }
  }

  record SuiteCount(int cipherSuite, int oneTimeCount, boolean hasLastResort) {}

  record KeyPackageCount(List<SuiteCount> suites, int lowWatermark) implements ServerFrame {
    public KeyPackageCount {
      suites = List.copyOf(suites);
    }
  }

  /// The device's pool of one-time KeyPackages is below the low watermark (KP-10).
  record KeyPackagesLow(int cipherSuite, int oneTimeCount, int lowWatermark) implements ServerFrame {}

  /// The device's lease as set; it lives `ttlMs` after the last frame received (PRS-5).
  record PresenceLease(PresenceStatus status, String activity, long ttlMs) implements ServerFrame {}

  /// What a watcher is shown of one user. `lastSeen` is set only when `status` is OFFLINE; the
  /// status is never INVISIBLE (PRS-6, PRS-7).
  record PresenceState(UserId user, PresenceStatus status, String activity, LastSeen lastSeen) {}

  /// The answer to a WatchPresence: the state of each added user, in request order (PRS-4).
  record PresenceSnapshot(List<PresenceState> states, int watching, int maxWatchlist) implements ServerFrame {
    public PresenceSnapshot {
      states = List.copyOf(states);
    }
  }

  /// A watched user's shown state changed (a diff push, PRS-4).
  record PresenceChanged(PresenceState state) implements ServerFrame {}

  /// `user` is no longer a contact and left the watchlist (PRS-8).
  record PresenceWatchEnded(UserId user) implements ServerFrame {}

  /// A server frame this client version does not know (clients skip it; §4).
  record Unknown(int fieldNumber) implements ServerFrame {}
}
