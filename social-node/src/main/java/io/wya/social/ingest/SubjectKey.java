package io.wya.social.ingest;

import com.google.protobuf.ByteString;
import io.wya.polycentric.EventKey;
import io.wya.polycentric.Reference;
import java.nio.ByteBuffer;

/// What a reference is about, as one comparable byte string: `01‖key` for a system, `02‖system‖
/// process‖clock` for an event (the digest is left out, as upstream links by coordinates only) and
/// `03‖bytes` for an opaque subject. Used as the key of reference and opinion rows and of the
/// read-cache generation for `/query_references`.
public final class SubjectKey {
  private SubjectKey() {}

  public static ByteString of(Reference reference) {
    return switch (reference) {
      case Reference.ToSystem s -> ByteString.copyFrom(new byte[] {1}).concat(s.system().key());
      case Reference.ToEvent e -> of(e.pointer().key());
      case Reference.ToBytes b -> ofBytes(b.encoded());
    };
  }

  public static ByteString of(EventKey key) {
    ByteBuffer clock = ByteBuffer.allocate(8).putLong(key.logicalClock()).flip();
    return ByteString.copyFrom(new byte[] {2}).concat(key.system().key()).concat(key.process().id()).concat(ByteString.copyFrom(clock));
  }

  public static ByteString ofBytes(ByteString subject) { return ByteString.copyFrom(new byte[] {3}).concat(subject); }
}
