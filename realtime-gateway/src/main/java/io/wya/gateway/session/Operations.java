package io.wya.gateway.session;

import io.wya.gateway.protocol.ClientFrame;
import java.util.HashMap;
import java.util.Map;

/// The dispatch table of authenticated operations, by frame type. New features (presence,
/// frames 200–249) register their operations here; the session needs no change.
public final class Operations {
  private final Map<Class<?>, Operation<?>> handlers = new HashMap<>();

  /// Registers the handler of one frame type (once).
  public <T extends ClientFrame> Operations register(Class<T> type, Operation<T> operation) {
    if (handlers.putIfAbsent(type, operation) != null) throw new IllegalStateException(type + " already has an operation");
    return this;
  }

  /// The handler of `frame`'s type, or null (UNKNOWN_OPERATION).
  @SuppressWarnings("unchecked")
  <T extends ClientFrame> Operation<T> find(T frame) {
    return (Operation<T>) handlers.get(frame.getClass());
  }
}
