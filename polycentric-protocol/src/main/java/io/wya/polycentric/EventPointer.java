package io.wya.polycentric;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.polycentric.proto.Digest;
import io.wya.polycentric.proto.Pointer;

/// A `Pointer`: an event's key plus the SHA-256 of its exact `Event` bytes.
///
/// @param digest the 32-byte SHA-256 (`digest_type` 1)
public record EventPointer(EventKey key, ByteString digest) {
  public static final long SHA256 = 1;

  public EventPointer {
    if (digest.size() != 32) throw new WireException("INVALID_REFERENCE", "pointer digest must be 32 bytes, got " + digest.size());
  }

  /// @throws WireException `INVALID_REFERENCE` for a bad system, process or digest
  public static EventPointer fromProto(Pointer proto) {
    try {
      if (!proto.hasEventDigest() || proto.getEventDigest().getDigestType() != SHA256) {
        throw new WireException("INVALID_REFERENCE", "pointer digest_type must be 1 (SHA-256)");
      }
      return new EventPointer(new EventKey(SystemKey.fromProto(proto.getSystem()), ProcessId.fromProto(proto.getProcess()),
          proto.getLogicalClock()), proto.getEventDigest().getDigest());
    } catch (WireException e) {
      if (e.code().equals("INVALID_REFERENCE")) throw e;
      throw new WireException("INVALID_REFERENCE", "pointer: " + e.getMessage());
    }
  }

  public static EventPointer parse(ByteString encoded) {
    try {
      return fromProto(Pointer.parseFrom(encoded));
    } catch (InvalidProtocolBufferException e) {
      throw new WireException("INVALID_REFERENCE", "not a Pointer message");
    }
  }

  public Pointer toProto() {
    return Pointer.newBuilder().setSystem(key.system().toProto()).setProcess(key.process().toProto())
        .setLogicalClock(key.logicalClock()).setEventDigest(Digest.newBuilder().setDigestType(SHA256).setDigest(digest)).build();
  }
}
