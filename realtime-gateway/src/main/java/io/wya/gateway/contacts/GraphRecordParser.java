package io.wya.gateway.contacts;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import io.wya.gateway.protocol.UserId;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.DeleteContent;
import io.wya.polycentric.EventVerifier;
import io.wya.polycentric.Lww;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.WireException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// Turns one record of the social event topic into graph operations (the trust boundary of the
/// projection). Since ADR 0120 a record's value is the `Events` of one system (header
/// `polycentric-value-type: Events`), each `SignedEvent` as the social node ingested it; records
/// written before hold a single `SignedEvent` and have no such header. Every signature is checked
/// again here (defence in depth: the topic is not a trust root). The content-type headers only
/// let uninteresting records be skipped without parsing; what is applied always comes from the
/// verified events.
public final class GraphRecordParser {
  /// `Events.events` is field 1, length-delimited.
  private static final int EVENTS_FIELD_TAG = 0x0a;
  /// The header naming the value's message; absent on single-event records.
  public static final String VALUE_TYPE_HEADER = "polycentric-value-type";
  /// The value type of records carrying several events.
  public static final String EVENTS_VALUE = "Events";
  /// The header of an `Events` record: its events' distinct content types, comma-separated decimal.
  public static final String CONTENT_TYPES_HEADER = "polycentric-content-types";
  /// The header of a single-event record: the event's content type in decimal ASCII.
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

  /// What each event of one record means, in record order (one element for a single-event record
  /// and for a record that cannot be read at all). The headers' values are null when absent.
  public static List<Parsed> parseRecord(byte[] value, String valueType, String contentTypes, String contentType) {
    if (valueType == null) return List.of(parse(value, contentType));
    if (!valueType.equals(EVENTS_VALUE)) return List.of(new Invalid("UNKNOWN_VALUE_TYPE", "record value type " + valueType + " is not " + EVENTS_VALUE));
    if (contentTypes != null && noneOfInterest(contentTypes)) return List.of(new Ignored());
    if (value == null) return List.of(new Invalid("MALFORMED_EVENT", "record has no value"));
    List<Parsed> parsed = new ArrayList<>();
    CodedInputStream in = CodedInputStream.newInstance(value);
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag != EVENTS_FIELD_TAG) return List.of(new Invalid("MALFORMED_EVENTS", "Events record has a field other than events (tag " + tag + ")"));
        parsed.add(parse(in.readByteArray(), null));
      }
    } catch (IOException e) {
      return List.of(new Invalid("MALFORMED_EVENTS", "Events record does not parse: " + e.getMessage()));
    }
    return parsed;
  }

  private static boolean noneOfInterest(String contentTypes) {
    for (String part : contentTypes.split(",")) {
      try {
        long type = Long.parseLong(part.trim());
        if (type == ContentType.FOLLOW || type == ContentType.BLOCK || type == ContentType.DELETE) return false;
      } catch (NumberFormatException e) {
        return false; // not a list of numbers: decide from the events themselves
      }
    }
    return true;
  }

  /// One `SignedEvent`.
  /// @param contentTypeHeader the content type the record claims for it, or null when it claims none
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
