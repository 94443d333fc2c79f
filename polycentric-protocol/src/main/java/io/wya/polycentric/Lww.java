package io.wya.polycentric;

import com.google.protobuf.ByteString;

/// Last-writer-wins payloads carried by events.
public final class Lww {
  private Lww() {}

  /// `LWWElement`: a single value (username, description, avatar, opinion); the latest time wins.
  public record Element(ByteString value, long unixMilliseconds) {}

  /// `LWWElementSet`: an add or remove of one member (follow, block, server); per value, the
  /// strictly latest time wins.
  public record SetOperation(boolean add, ByteString value, long unixMilliseconds) {}
}
