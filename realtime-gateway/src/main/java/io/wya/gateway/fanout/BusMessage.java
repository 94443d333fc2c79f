package io.wya.gateway.fanout;

import io.wya.gateway.mailbox.EntryEvent;
import io.wya.gateway.protocol.DeviceKey;

/// What instances tell each other over Redis pub/sub (GATEWAY_SPEC §12). `origin` is the sending
/// instance, so an instance skips its own broadcasts.
public sealed interface BusMessage {
  String origin();

  /// An accepted entry (MULTI-1).
  record EntryAccepted(String origin, EntryEvent event) implements BusMessage {}

  /// A device authenticated on `origin` (SES-1).
  record SessionClaimed(String origin, DeviceKey device, long authTimeMs, String sessionId) implements BusMessage {}

  /// A frame for a device's session wherever it is (KP-10).
  record DevicePush(String origin, DeviceKey device, byte[] frame) implements BusMessage {}

  /// An SSE upstream frame for a stream held by the receiving instance (MULTI-2).
  record StreamFrame(String origin, String streamId, byte[] frame) implements BusMessage {}
}
