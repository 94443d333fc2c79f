package io.wya.polycentric;

import com.google.protobuf.ByteString;
import io.wya.polycentric.proto.Event;
import io.wya.polycentric.proto.SignedEvent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/// A signed event whose structure and signature [EventVerifier] checked. It keeps the exact
/// `Event` bytes that were signed: stores persist [#rawEvent()] and serve it verbatim.
/// Only [EventVerifier] constructs instances.
public final class VerifiedEvent {
  private final ByteString rawEvent;
  private final ByteString signature;
  private final Event event;
  private final EventKey key;
  private final List<Reference> references;
  private volatile ByteString digest;
  private volatile ByteString signedEventBytes;

  VerifiedEvent(ByteString rawEvent, ByteString signature, Event event, EventKey key, List<Reference> references) {
    this.rawEvent = rawEvent;
    this.signature = signature;
    this.event = event;
    this.key = key;
    this.references = references;
  }

  public EventKey key() { return key; }

  public SystemKey system() { return key.system(); }

  public ProcessId process() { return key.process(); }

  public long logicalClock() { return key.logicalClock(); }

  /// Any value; see [ContentType] for the known ones.
  public long contentType() { return event.getContentType(); }

  public ByteString content() { return event.getContent(); }

  public OptionalLong unixMilliseconds() {
    return event.hasUnixMilliseconds() ? OptionalLong.of(event.getUnixMilliseconds()) : OptionalLong.empty();
  }

  public List<Long> vectorClock() { return event.getVectorClock().getLogicalClocksList(); }

  public List<Index> indices() {
    return event.getIndices().getIndicesList().stream().map(i -> new Index(i.getIndexType(), i.getLogicalClock())).toList();
  }

  public Optional<Lww.Element> lwwElement() {
    if (!event.hasLwwElement()) return Optional.empty();
    return Optional.of(new Lww.Element(event.getLwwElement().getValue(), event.getLwwElement().getUnixMilliseconds()));
  }

  public Optional<Lww.SetOperation> lwwElementSet() {
    if (!event.hasLwwElementSet()) return Optional.empty();
    var set = event.getLwwElementSet();
    return Optional.of(new Lww.SetOperation(set.getOperationValue() == 0, set.getValue(), set.getUnixMilliseconds()));
  }

  public List<Reference> references() { return references; }

  /// The serialized `Event` exactly as signed.
  public ByteString rawEvent() { return rawEvent; }

  public ByteString signature() { return signature; }

  /// SHA-256 over [#rawEvent()], the pointer digest.
  public ByteString digest() {
    ByteString d = digest;
    if (d == null) {
      try {
        d = ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(rawEvent.toByteArray()));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from the JDK", e);
      }
      digest = d;
    }
    return d;
  }

  public EventPointer pointer() { return new EventPointer(key, digest()); }

  /// `SignedEvent{signature, event}` without moderation tags (clients' tags are never kept).
  public SignedEvent toSignedEvent() { return SignedEvent.newBuilder().setSignature(signature).setEvent(rawEvent).build(); }

  /// The encoded [#toSignedEvent()]: what is stored, served and published.
  public ByteString signedEventBytes() {
    ByteString bytes = signedEventBytes;
    if (bytes == null) signedEventBytes = bytes = toSignedEvent().toByteString();
    return bytes;
  }

  @Override public String toString() { return key + " (content_type " + Long.toUnsignedString(contentType()) + ")"; }
}
