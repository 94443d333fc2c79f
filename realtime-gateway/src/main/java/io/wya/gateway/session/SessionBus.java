package io.wya.gateway.session;

import io.wya.gateway.protocol.DeviceKey;

/// What the session registry tells the other instances (SES-1, KP-10).
public interface SessionBus {
  /// `device` authenticated here at `authTimeMs` as session `sessionId`: older sessions elsewhere close.
  void claimed(DeviceKey device, long authTimeMs, String sessionId);

  /// Hands `frame` to `device`'s session wherever it is.
  void push(DeviceKey device, byte[] frame);

  /// A single instance: nobody to tell.
  SessionBus NONE = new SessionBus() {
    @Override public void claimed(DeviceKey device, long authTimeMs, String sessionId) {}

    @Override public void push(DeviceKey device, byte[] frame) {}
  };
}
