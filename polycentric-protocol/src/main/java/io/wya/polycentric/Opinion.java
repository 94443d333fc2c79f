package io.wya.polycentric;

import com.google.protobuf.ByteString;

/// The one-byte values of an OPINION (14) event's `LWWElement`.
public enum Opinion {
  LIKE(1), DISLIKE(2), NEUTRAL(3);

  private final byte value;

  Opinion(int value) { this.value = (byte) value; }

  public ByteString value() { return ByteString.copyFrom(new byte[] {value}); }
}
