package io.wya.gateway.contacts;

import com.google.protobuf.ByteString;
import io.wya.gateway.protocol.UserId;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.DeleteContent;
import io.wya.polycentric.EventVerifier;
import io.wya.polycentric.Lww;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.WireException;
import java.util.List;
import java.util.Optional;

/// Turns one record of the social event topic into graph operations (the trust boundary of the
/// projection). The record value is a `SignedEvent` as the social node ingested it; its signature
/// is checked again here (defence in depth: the topic is not a trust root). The header
/// `polycentric-content-type` only lets uninteresting records be skipped without parsing; what is
/// applied always comes from the verified event.
public final class GraphRecordParser {
  /// The record header carrying the event's content type in decimal ASCII.
  public static final String CONTENT_TYPE_HEADER = "polycentric-content-type";

  private GraphRecordParser() {}

  /// What one record means for the projection.
  public sealed interface Parsed permits Ops, Ignored, Invalid {}

  /// Operations to apply (one for FOLLOW, BLOCK and a DELETE of one of those).
  public record Ops(List<GraphOp> ops) implements Parsed {}

  /// A valid record of no interest (posts, profiles, deletes of other types, …).
  public record Ignored() implements Parsed {}

  /// A record that cannot be trusted or understood; skipped and counted.
  public record Invalid(String code, String message) implements Parsed {}

  /// @param contentTypeHeader the header's value, or null when the record has none
  public static Parsed parse(byte[] value, String contentTypeHeader) {
    if (contentTypeHeader != null) {
      try {
        long type = Long.parseLong(contentTypeHeader.trim());
        if (type != ContentType.FOLLOW && type != ContentType.BLOCK && type != ContentType.DELETE) return new Ignored();
      } catch (NumberFormatException e) {
        // not a number: decide from the event itself
      }
    }
    if (value == null) return new Invalid("MALFORMED_EVENT", "record has no value");
    VerifiedEvent event;
    try {
      event = EventVerifier.verify(ByteString.copyFrom(value));
    } catch (WireException e) {
      return new Invalid(e.code(), e.getMessage());
    }
    UserId owner = new UserId(event.system().key().toByteArray());
    long type = event.contentType();
    EdgeKind kind = EdgeKind.of(type);
    if (kind != null) return setOperation(event, owner, kind);
    if (type == ContentType.DELETE) return delete(event, owner);
    return new Ignored();
  }

  private static Parsed setOperation(VerifiedEvent event, UserId owner, EdgeKind kind) {
    Optional<Lww.SetOperation> set = event.lwwElementSet();
    if (set.isEmpty()) return new Invalid("NO_ELEMENT_SET", kind + " event without an lww_element_set");
    SystemKey target;
    try {
      target = SystemKey.parse(set.get().value());
    } catch (WireException e) {
      return new Invalid("INVALID_TARGET", kind + " value is not a system key: " + e.getMessage());
    }
    boolean add = set.get().add();
    EdgeStamp stamp = EdgeStamp.of(set.get().unixMilliseconds(), kind.restrictive(add) ? EdgeStamp.RESTRICTIVE : EdgeStamp.PERMISSIVE,
        event.process().id().toByteArray(), event.logicalClock());
    return new Ops(List.of(new GraphOp.SetEdge(owner, kind, new UserId(target.key().toByteArray()), new EdgeValue(add, stamp))));
  }

  private static Parsed delete(VerifiedEvent event, UserId owner) {
    DeleteContent delete;
    try {
      delete = DeleteContent.parse(event.content());
    } catch (WireException e) {
      return new Invalid(e.code(), e.getMessage());
    }
    EdgeKind kind = EdgeKind.of(delete.contentType());
    if (kind == null) return new Ignored();
    return new Ops(List.of(new GraphOp.DeleteEdge(owner, kind,
        EdgeStamp.coordinates(delete.process().id().toByteArray(), delete.logicalClock()))));
  }
}
