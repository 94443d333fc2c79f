package io.wya.mls.spi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/// Writer of the library's state blobs: big-endian integers and length-prefixed byte strings
/// (u32 length; `0xFFFFFFFF` for null). Paired with [StateReader]. The blobs are only ever
/// stored encrypted, so the format favours simplicity and exactness over compactness.
public final class StateWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

  public StateWriter u8(int v) {
    out.write(v);
    return this;
  }

  public StateWriter bool(boolean v) { return u8(v ? 1 : 0); }

  public StateWriter u32(long v) {
    for (int s = 24; s >= 0; s -= 8) out.write((int) (v >>> s));
    return this;
  }

  public StateWriter i64(long v) {
    for (int s = 56; s >= 0; s -= 8) out.write((int) (v >>> s));
    return this;
  }

  /// A byte string or null.
  public StateWriter bytes(byte[] b) {
    if (b == null) return u32(0xFFFFFFFFL);
    u32(b.length);
    out.writeBytes(b);
    return this;
  }

  public StateWriter string(String s) { return bytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8)); }

  public byte[] toByteArray() { return out.toByteArray(); }
}
