package io.wya.mls.wire;

import io.wya.mls.wire.MlsWireException.Reason;
import java.util.Arrays;

/// A bounded cursor over the TLS presentation language encoding of RFC 9420 (§2.1). Every read
/// checks the bytes that remain *in this reader's bounds*; a vector yields a child reader bounded
/// by the vector's declared length, so no element can run past its vector and no declared length
/// can cause an allocation larger than the input.
final class MlsReader {
  private final byte[] buf;
  private int pos;
  private final int end;

  MlsReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  private MlsReader(byte[] buf, int start, int end) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  int position() { return pos; }

  boolean hasRemaining() { return pos < end; }

  int remaining() { return end - pos; }

  byte[] buffer() { return buf; }

  private void need(int n, String what) throws MlsWireException {
    need(n, what, pos);
  }

  /// `reportAt`: the offset to blame, e.g. the start of the length field that claimed `n` bytes.
  private void need(int n, String what, int reportAt) throws MlsWireException {
    if (n > end - pos) throw new MlsWireException(Reason.TRUNCATED, reportAt, what + " needs " + n + " bytes, " + (end - pos) + " remain");
  }

  int u8(String what) throws MlsWireException {
    need(1, what);
    return buf[pos++] & 0xff;
  }

  int u16(String what) throws MlsWireException {
    need(2, what);
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  long u32(String what) throws MlsWireException {
    need(4, what);
    long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  /// A uint64 as the bits of a Java long (values ≥ 2^63 come out negative; callers that compare
  /// use [Long#compareUnsigned]).
  long u64(String what) throws MlsWireException {
    need(8, what);
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (buf[pos + i] & 0xff);
    pos += 8;
    return v;
  }

  /// RFC 9420 §2.1.2 variable-length integer, minimal encoding required.
  int varint(String what) throws MlsWireException {
    int start = pos;
    need(1, what);
    int first = buf[pos] & 0xff;
    int prefix = first >>> 6;
    switch (prefix) {
      case 0 -> {
        pos += 1;
        return first & 0x3f;
      }
      case 1 -> {
        need(2, what);
        int v = ((first & 0x3f) << 8) | (buf[pos + 1] & 0xff);
        if (v < 64) throw new MlsWireException(Reason.NON_MINIMAL_VARINT, start, what + ": " + v + " in 2 bytes");
        pos += 2;
        return v;
      }
      case 2 -> {
        need(4, what);
        int v = ((first & 0x3f) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        if (v < 16384) throw new MlsWireException(Reason.NON_MINIMAL_VARINT, start, what + ": " + v + " in 4 bytes");
        pos += 4;
        return v;
      }
      default -> throw new MlsWireException(Reason.INVALID_VARINT_PREFIX, start, what);
    }
  }

  /// `opaque x<V>`: a copy of the bytes (at most what the input holds).
  byte[] opaque(String what) throws MlsWireException {
    int start = pos;
    int len = varint(what);
    need(len, what, start);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
    pos += len;
    return out;
  }

  /// `T x<V>`: a child reader over exactly the vector's bytes; this reader moves past them.
  MlsReader vector(String what) throws MlsWireException {
    int start = pos;
    int len = varint(what);
    need(len, what, start);
    MlsReader child = new MlsReader(buf, pos, pos + len);
    pos += len;
    return child;
  }

  /// Fixed-size opaque (`opaque x[n]`).
  byte[] fixed(int n, String what) throws MlsWireException {
    need(n, what);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  /// `optional<T>` presence byte.
  boolean optional(String what) throws MlsWireException {
    int at = pos;
    int v = u8(what);
    if (v == 0) return false;
    if (v == 1) return true;
    throw new MlsWireException(Reason.INVALID_OPTIONAL, at, what + ": presence byte " + v);
  }

  /// Copy of the bytes between `from` (an earlier position of this reader) and the current one.
  byte[] slice(int from) {
    return Arrays.copyOfRange(buf, from, pos);
  }

  void expectEnd(String what) throws MlsWireException {
    if (pos != end) throw new MlsWireException(Reason.TRAILING_BYTES, pos, (end - pos) + " bytes after " + what);
  }
}
