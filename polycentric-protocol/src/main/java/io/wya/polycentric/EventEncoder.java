package io.wya.polycentric;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/// Encodes an [EventDraft] the way the official TypeScript client (ts-proto) does, so that events
/// built here are byte-identical to the client's: default scalars are omitted, present
/// sub-messages are always written (`vector_clock` and `indices` even when empty), and an empty
/// packed list is still written as a zero-length field.
public final class EventEncoder {
  private EventEncoder() {}

  public static ByteString encode(EventDraft d) {
    Writer w = new Writer();
    w.message(1, new Writer().uint64(1, SystemKey.ED25519).bytes(2, d.system().key()).done());
    w.message(2, new Writer().bytes(1, d.process().id()).done());
    w.uint64(3, d.logicalClock());
    w.uint64(4, d.contentType());
    w.bytes(5, d.content());
    w.message(6, new Writer().packed(1, d.vectorClock()).done());
    w.message(7, indices(d.indices()));
    d.lwwElementSet().ifPresent(s -> w.message(8,
        new Writer().uint64(1, s.add() ? 0 : 1).bytes(2, s.value()).uint64(3, s.unixMilliseconds()).done()));
    d.lwwElement().ifPresent(e -> w.message(9, new Writer().bytes(1, e.value()).uint64(2, e.unixMilliseconds()).done()));
    for (Reference r : d.references()) w.message(10, new Writer().uint64(1, r.type()).bytes(2, r.encoded()).done());
    if (d.unixMilliseconds().isPresent()) w.uint64Always(11, d.unixMilliseconds().getAsLong());
    return w.done();
  }

  /// An `Indices` message (also the `indices` of a `Delete`).
  static ByteString indices(List<Index> indices) {
    Writer w = new Writer();
    for (Index i : indices) w.message(1, new Writer().uint64(1, i.indexType()).uint64(2, i.logicalClock()).done());
    return w.done();
  }

  /// A `Delete` content message for `target`, as the client writes it.
  static ByteString delete(ProcessId process, long logicalClock, List<Index> indices, java.util.OptionalLong unixMs, long contentType) {
    Writer w = new Writer().message(1, new Writer().bytes(1, process.id()).done()).uint64(2, logicalClock).message(3, indices(indices));
    if (unixMs.isPresent()) w.uint64Always(4, unixMs.getAsLong());
    return w.uint64(5, contentType).done();
  }

  /// A `Post` content message with text.
  static ByteString post(String text) {
    return new Writer().bytesAlways(1, ByteString.copyFromUtf8(text)).done();
  }

  static final class Writer {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

    Writer uint64(int field, long value) {
      return value == 0 ? this : uint64Always(field, value);
    }

    Writer uint64Always(int field, long value) {
      try {
        out.writeUInt64(field, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer bytes(int field, ByteString value) {
      return value.isEmpty() ? this : bytesAlways(field, value);
    }

    Writer bytesAlways(int field, ByteString value) {
      try {
        out.writeBytes(field, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer message(int field, ByteString encoded) { return bytesAlways(field, encoded); }

    Writer packed(int field, List<Long> values) {
      Writer inner = new Writer();
      try {
        for (long v : values) inner.out.writeUInt64NoTag(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytesAlways(field, inner.done());
    }

    ByteString done() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return ByteString.copyFrom(buffer.toByteArray());
    }
  }
}
