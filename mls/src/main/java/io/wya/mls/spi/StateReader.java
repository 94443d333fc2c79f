package io.wya.mls.spi;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/// Reader of [StateWriter] blobs. Every read is bounds-checked; a malformed blob is
/// `STATE_CORRUPT`, never an unchecked exception or an allocation beyond the blob's size.
public final class StateReader {
  private final byte[] buf;
  private int pos;

  public StateReader(byte[] buf) {
    this.buf = buf;
  }

  private void need(int n, String what) throws MlsException {
    if (n < 0 || n > buf.length - pos) throw new MlsException(MlsError.STATE_CORRUPT, "state blob ends inside " + what);
  }

  public int u8(String what) throws MlsException {
    need(1, what);
    return buf[pos++] & 0xff;
  }

  public boolean bool(String what) throws MlsException {
    int v = u8(what);
    if (v > 1) throw new MlsException(MlsError.STATE_CORRUPT, what + " is " + v);
    return v == 1;
  }

  public long u32(String what) throws MlsException {
    need(4, what);
    long v = 0;
    for (int i = 0; i < 4; i++) v = (v << 8) | (buf[pos++] & 0xff);
    return v;
  }

  /// A u32 that must fit an int and be at most `max` (counts of list elements).
  public int count(String what, int max) throws MlsException {
    long v = u32(what);
    if (v > max) throw new MlsException(MlsError.STATE_CORRUPT, what + " count " + v + " > " + max);
    return (int) v;
  }

  public long i64(String what) throws MlsException {
    need(8, what);
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (buf[pos++] & 0xff);
    return v;
  }

  /// A byte string or null.
  public byte[] bytes(String what) throws MlsException {
    long len = u32(what);
    if (len == 0xFFFFFFFFL) return null;
    need((int) Math.min(len, Integer.MAX_VALUE), what);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + (int) len);
    pos += (int) len;
    return out;
  }

  /// A byte string that must be present.
  public byte[] required(String what) throws MlsException {
    byte[] b = bytes(what);
    if (b == null) throw new MlsException(MlsError.STATE_CORRUPT, what + " missing");
    return b;
  }

  public String string(String what) throws MlsException {
    byte[] b = bytes(what);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /// Checks that the whole blob was read.
  public void end(String what) throws MlsException {
    if (pos != buf.length) throw new MlsException(MlsError.STATE_CORRUPT, (buf.length - pos) + " bytes after " + what);
  }
}
