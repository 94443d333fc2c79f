package io.wya.polycentric;

import com.google.protobuf.ByteString;

/// An `Event.references` entry: what a reply, vouch, opinion or topic post is about.
public sealed interface Reference {
  long SYSTEM = 1;
  long POINTER = 2;
  long BYTES = 3;

  /// The `reference_type` on the wire.
  long type();

  /// The `reference` bytes exactly as they appear on the wire.
  ByteString encoded();

  default io.wya.polycentric.proto.Reference toProto() {
    return io.wya.polycentric.proto.Reference.newBuilder().setReferenceType(type()).setReference(encoded()).build();
  }

  /// @throws WireException `INVALID_REFERENCE` for an unknown type or an unparsable body
  static Reference fromProto(io.wya.polycentric.proto.Reference proto) {
    long type = proto.getReferenceType();
    if (type == SYSTEM) {
      try {
        return new ToSystem(SystemKey.parse(proto.getReference()), proto.getReference());
      } catch (WireException e) {
        throw new WireException("INVALID_REFERENCE", "system reference: " + e.getMessage());
      }
    }
    if (type == POINTER) return new ToEvent(EventPointer.parse(proto.getReference()), proto.getReference());
    if (type == BYTES) return new ToBytes(proto.getReference());
    throw new WireException("INVALID_REFERENCE", "unknown reference_type " + Long.toUnsignedString(type));
  }

  static Reference to(EventPointer pointer) { return new ToEvent(pointer, pointer.toProto().toByteString()); }

  static Reference to(SystemKey system) { return new ToSystem(system, system.encoded()); }

  static Reference toBytes(ByteString subject) { return new ToBytes(subject); }

  /// A reference to a whole system.
  record ToSystem(SystemKey system, ByteString encoded) implements Reference {
    @Override public long type() { return SYSTEM; }
  }

  /// A reference to one event (replies, vouches, opinions on posts).
  record ToEvent(EventPointer pointer, ByteString encoded) implements Reference {
    @Override public long type() { return POINTER; }
  }

  /// An opaque subject (Grayjay's video URLs, topics).
  record ToBytes(ByteString encoded) implements Reference {
    @Override public long type() { return BYTES; }
  }
}
