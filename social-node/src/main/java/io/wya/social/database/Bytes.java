package io.wya.social.database;

import com.google.protobuf.ByteString;
import io.vertx.core.buffer.Buffer;

/// Conversions between protobuf bytes and the PostgreSQL client's buffers.
public final class Bytes {
  private Bytes() {}

  public static Buffer buffer(ByteString bytes) { return Buffer.buffer(bytes.toByteArray()); }

  public static ByteString bytes(io.vertx.mutiny.core.buffer.Buffer buffer) { return ByteString.copyFrom(buffer.getBytes()); }
}
