package io.wya.polycentric;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.polycentric.proto.Event;
import io.wya.polycentric.proto.SignedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/// Turns an untrusted `SignedEvent` into a [VerifiedEvent], checking what the official server
/// checks before ingest (protocol doc §3.2, the 400 rules) and, in addition, that clocks and
/// times fit a signed 64-bit integer. Content rules (what a POST or DELETE must contain) belong to
/// the receiver.
///
/// Rule codes: `MALFORMED_EVENT`, `INVALID_SYSTEM`, `INVALID_PROCESS`, `MISSING_VECTOR_CLOCK`,
/// `MISSING_INDICES`, `CLOCK_OUT_OF_RANGE`, `TIME_OUT_OF_RANGE`, `INVALID_REFERENCE`,
/// `INVALID_SIGNATURE`.
public final class EventVerifier {
  private EventVerifier() {}

  /// @throws WireException with the rule's code when the bytes are not a valid signed event
  public static VerifiedEvent verify(ByteString signedEventBytes) {
    try {
      return verify(SignedEvent.parseFrom(signedEventBytes));
    } catch (InvalidProtocolBufferException e) {
      throw new WireException("MALFORMED_EVENT", "not a SignedEvent message");
    }
  }

  /// @throws WireException with the rule's code when the event is not valid
  public static VerifiedEvent verify(SignedEvent signed) { return verify(signed, new DecodedKeys()); }

  /// Verifies with `keys` remembering each system key it decoded: a batch usually carries many
  /// events of one system, and decoding the key is a sizeable part of a verification.
  ///
  /// @throws WireException with the rule's code when the event is not valid
  public static VerifiedEvent verify(SignedEvent signed, DecodedKeys keys) {
    ByteString raw = signed.getEvent();
    Event event;
    try {
      event = Event.parseFrom(raw);
    } catch (InvalidProtocolBufferException e) {
      throw new WireException("MALFORMED_EVENT", "SignedEvent.event is not an Event message");
    }
    if (!event.hasSystem()) throw new WireException("INVALID_SYSTEM", "event has no system");
    SystemKey system = SystemKey.fromProto(event.getSystem());
    if (!event.hasProcess()) throw new WireException("INVALID_PROCESS", "event has no process");
    ProcessId process = ProcessId.fromProto(event.getProcess());
    if (!event.hasVectorClock()) throw new WireException("MISSING_VECTOR_CLOCK", "event has no vector_clock");
    if (!event.hasIndices()) throw new WireException("MISSING_INDICES", "event has no indices");
    if (event.getLogicalClock() < 0) throw new WireException("CLOCK_OUT_OF_RANGE", "logical_clock above 2^63-1");
    if (event.hasUnixMilliseconds() && event.getUnixMilliseconds() < 0) {
      throw new WireException("TIME_OUT_OF_RANGE", "unix_milliseconds above 2^63-1");
    }
    if (event.hasLwwElement() && event.getLwwElement().getUnixMilliseconds() < 0
        || event.hasLwwElementSet() && event.getLwwElementSet().getUnixMilliseconds() < 0) {
      throw new WireException("TIME_OUT_OF_RANGE", "LWW unix_milliseconds above 2^63-1");
    }
    List<Reference> references = new ArrayList<>(event.getReferencesCount());
    for (var reference : event.getReferencesList()) references.add(Reference.fromProto(reference));
    if (signed.getSignature().size() != Ed25519Signatures.SIGNATURE_SIZE) {
      throw new WireException("INVALID_SIGNATURE", "signature must be 64 bytes, got " + signed.getSignature().size());
    }
    // The key is decoded once: to check it is a curve point and to verify with it.
    Ed25519.PublicPoint point = keys.point(system);
    byte[] message = raw.toByteArray();
    if (!Ed25519.verify(signed.getSignature().toByteArray(), 0, point, message, 0, message.length)) {
      throw new WireException("INVALID_SIGNATURE", "signature does not verify with the event's system key");
    }
    return new VerifiedEvent(raw, signed.getSignature(), event, new EventKey(system, process, event.getLogicalClock()),
        List.copyOf(references));
  }

  /// Decoded system keys, for the events of one batch (not thread-safe; not for long-lived use:
  /// it grows with every system it sees).
  public static final class DecodedKeys {
    private final Map<ByteString, Ed25519.PublicPoint> points = new HashMap<>();

    Ed25519.PublicPoint point(SystemKey system) {
      Ed25519.PublicPoint point = points.get(system.key());
      if (point != null) return point;
      point = Ed25519.validatePublicKeyPartialExport(system.key().toByteArray(), 0);
      if (point == null) throw new WireException("INVALID_SYSTEM", "system key is not an Ed25519 point");
      points.put(system.key(), point);
      return point;
    }
  }
}
