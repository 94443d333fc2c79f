package io.wya.gateway.keypackage;

import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.ServerFrame;

/// Where a low-pool warning goes: the owning device's session, on whichever instance holds it
/// (KP-10).
@FunctionalInterface
public interface PoolSignal {
  void low(DeviceKey device, ServerFrame.KeyPackagesLow warning);
}
