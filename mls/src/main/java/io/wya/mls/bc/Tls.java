package io.wya.mls.bc;

import java.io.ByteArrayOutputStream;

/// Minimal writer for the TLS presentation language of RFC 9420 §2.1 — just what the engine
/// assembles itself (AADs, signed and MACed contents) from bytes mls-wire has parsed.
final class Tls {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Tls u8(int v) { out.write(v); return this; }

  Tls u16(int v) { out.write(v >>> 8); out.write(v); return this; }

  Tls u32(long v) { for (int s = 24; s >= 0; s -= 8) out.write((int) (v >>> s)); return this; }

  Tls u64(long v) { for (int s = 56; s >= 0; s -= 8) out.write((int) (v >>> s)); return this; }

  Tls raw(byte[] b) { out.writeBytes(b); return this; }

  /// `opaque x<V>`.
  Tls opaque(byte[] b) { out.writeBytes(varint(b.length)); out.writeBytes(b); return this; }

  byte[] bytes() { return out.toByteArray(); }

  static byte[] varint(int n) {
    if (n < 64) return new byte[] {(byte) n};
    if (n < 16384) return new byte[] {(byte) (0x40 | (n >>> 8)), (byte) n};
    if (n < (1 << 30)) return new byte[] {(byte) (0x80 | (n >>> 24)), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    throw new IllegalArgumentException("length " + n + " exceeds the varint range");
  }

  /// Length of `opaque x<V>` holding `n` bytes.
  static int opaqueLength(int n) { return varint(n).length + n; }
}
