package io.wya.gateway.presence;

import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/// A session that records what it was pushed.
class FakeSession implements PresenceSession {
  final DeviceKey device;
  final LinkedBlockingQueue<PresencePush> pushes = new LinkedBlockingQueue<>();
  volatile long lastReceivedMs;
  volatile boolean closed;

  FakeSession(DeviceKey device, long now) {
    this.device = device;
    this.lastReceivedMs = now;
  }

  @Override public DeviceKey device() { return device; }

  @Override public void push(PresencePush push) { pushes.add(push); }

  @Override public long lastReceivedMs() { return lastReceivedMs; }

  @Override public boolean closed() { return closed; }

  /// The next push, waiting up to 10 s (pushes from another instance travel through Redis).
  ServerFrame next() {
    try {
      PresencePush p = pushes.poll(10, TimeUnit.SECONDS);
      if (p == null) throw new AssertionError("no push arrived");
      return p.frame();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  List<ServerFrame> drained() {
    List<PresencePush> all = new ArrayList<>();
    pushes.drainTo(all);
    return all.stream().map(PresencePush::frame).toList();
  }
}
