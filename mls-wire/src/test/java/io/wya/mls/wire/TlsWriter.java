package io.wya.mls.wire;

import java.io.ByteArrayOutputStream;

/// Test-side encoder for the TLS presentation language (RFC 9420 §2.1), to build inputs the
/// parser must accept or reject.
final class TlsWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  TlsWriter u8(int v) { out.write(v); return this; }

  TlsWriter u16(int v) { out.write(v >>> 8); out.write(v); return this; }

  TlsWriter u32(long v) { for (int s = 24; s >= 0; s -= 8) out.write((int) (v >>> s)); return this; }

  TlsWriter u64(long v) { for (int s = 56; s >= 0; s -= 8) out.write((int) (v >>> s)); return this; }

  TlsWriter raw(byte[] b) { out.writeBytes(b); return this; }

  TlsWriter opaque(byte[] b) { out.writeBytes(MlsCrypto.varint(b.length)); out.writeBytes(b); return this; }

  TlsWriter vector(TlsWriter inner) { return opaque(inner.bytes()); }

  TlsWriter u16s(int... values) {
    TlsWriter inner = new TlsWriter();
    for (int v : values) inner.u16(v);
    return vector(inner);
  }

  byte[] bytes() { return out.toByteArray(); }
}
