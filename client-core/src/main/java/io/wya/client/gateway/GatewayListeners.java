package io.wya.client.gateway;

import io.wya.gateway.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/// Several [GatewayListener]s behind one connection (chat, presence, a UI's status line), called
/// in registration order.
public final class GatewayListeners implements GatewayListener {
  private final List<GatewayListener> listeners = new CopyOnWriteArrayList<>();

  public GatewayListeners add(GatewayListener listener) {
    listeners.add(listener);
    return this;
  }

  @Override public void onReady(ServerFrame.Ready ready, boolean fresh) { listeners.forEach(l -> l.onReady(ready, fresh)); }

  @Override public void onDeliver(ServerFrame.Deliver deliver) { listeners.forEach(l -> l.onDeliver(deliver)); }

  @Override public void onCaughtUp(ServerFrame.CaughtUp caughtUp) { listeners.forEach(l -> l.onCaughtUp(caughtUp)); }

  @Override public void onHistoryGap(ServerFrame.HistoryGap gap) { listeners.forEach(l -> l.onHistoryGap(gap)); }

  @Override public void onKeyPackagesLow(ServerFrame.KeyPackagesLow low) { listeners.forEach(l -> l.onKeyPackagesLow(low)); }

  @Override public void onPush(ServerFrame frame) { listeners.forEach(l -> l.onPush(frame)); }

  @Override public void onOtherFrame(int fieldNumber, byte[] frame) { listeners.forEach(l -> l.onOtherFrame(fieldNumber, frame)); }

  @Override public void onState(ConnectionState state) { listeners.forEach(l -> l.onState(state)); }
}
