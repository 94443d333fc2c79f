package io.wya.social.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.polycentric.EventKey;
import io.wya.polycentric.EventVerifier;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.WireException;
import io.wya.polycentric.proto.Event;
import io.wya.polycentric.proto.Events;
import io.wya.polycentric.proto.SignedEvent;
import java.util.ArrayList;
import java.util.List;

/// Turns a `POST /events` body into accepted events, or rejects the whole batch with the first
/// violated rule: code plus a message naming the event (its index, and its key when known).
/// CPU-bound (signature checks): callers run it off the event loop.
public final class BatchParser {
  private final ContentRules rules;
  private final int maxEvents;

  public BatchParser(ContentRules rules, int maxEvents) {
    this.rules = rules;
    this.maxEvents = maxEvents;
  }

  public List<AcceptedEvent> parse(byte[] body) {
    Events events;
    try {
      events = Events.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new IngestException(400, "MALFORMED_BODY", "the body is not an Events message");
    }
    if (events.getEventsCount() > maxEvents) {
      throw new IngestException(400, "TOO_MANY_EVENTS", events.getEventsCount() + " events in one batch; the limit is " + maxEvents);
    }
    List<AcceptedEvent> accepted = new ArrayList<>(events.getEventsCount());
    EventVerifier.DecodedKeys keys = new EventVerifier.DecodedKeys();
    for (int i = 0; i < events.getEventsCount(); i++) {
      SignedEvent signed = events.getEvents(i);
      try {
        VerifiedEvent event = EventVerifier.verify(signed, keys);
        accepted.add(rules.accept(event));
      } catch (WireException e) {
        throw new IngestException(400, e.code(), "event #" + i + describe(signed) + ": " + e.getMessage());
      }
    }
    return accepted;
  }

  /// Best-effort coordinates of an event that failed, for the error message.
  private static String describe(SignedEvent signed) {
    try {
      Event e = Event.parseFrom(signed.getEvent());
      return " (" + new EventKey(io.wya.polycentric.SystemKey.fromProto(e.getSystem()), io.wya.polycentric.ProcessId.fromProto(e.getProcess()),
          e.getLogicalClock()) + ", content_type " + Long.toUnsignedString(e.getContentType()) + ")";
    } catch (InvalidProtocolBufferException | RuntimeException unreadable) {
      return "";
    }
  }
}
