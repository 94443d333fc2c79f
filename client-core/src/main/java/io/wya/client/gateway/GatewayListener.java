package io.wya.client.gateway;

import io.wya.gateway.protocol.ServerFrame;

/// What the connection reports, always on its one event thread and in arrival order, so that a
/// listener processes `Deliver`s in `seq` order without locks.
public interface GatewayListener {
  /// A session became ready (`fresh` = it was a full authentication, not a resume).
  default void onReady(ServerFrame.Ready ready, boolean fresh) {}

  default void onDeliver(ServerFrame.Deliver deliver) {}

  /// The backlog of every conversation has been sent (DLV-3).
  default void onCaughtUp(ServerFrame.CaughtUp caughtUp) {}

  default void onHistoryGap(ServerFrame.HistoryGap gap) {}

  /// The device's one-time KeyPackage pool is low (KP-10): upload more.
  default void onKeyPackagesLow(ServerFrame.KeyPackagesLow low) {}

  /// Any other server push (request id 0) the codec decodes, e.g. presence changes (§16).
  default void onPush(ServerFrame frame) {}

  /// A server frame this client's `FrameCodec` does not decode (e.g. presence frames 200-249),
  /// with its raw bytes for a codec that does.
  default void onOtherFrame(int fieldNumber, byte[] frame) {}

  default void onState(ConnectionState state) {}
}
