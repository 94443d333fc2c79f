package io.wya.gateway.presence;

import io.wya.gateway.protocol.FrameCodec;
import io.wya.gateway.protocol.ServerFrame;

/// A presence push, encoded once and shared by every watcher it goes to.
public record PresencePush(ServerFrame frame, byte[] bytes) {
  public static PresencePush of(ServerFrame frame) {
    return new PresencePush(frame, FrameCodec.encodeServer(0, frame));
  }
}
