package io.wya.social.database;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.wya.polycentric.proto.Events;
import io.wya.polycentric.proto.SignedEvent;
import java.util.ArrayList;
import java.util.List;

/// Reads of stored events: the `signed_event` column of each row, as stored and served, and those
/// bytes as the wire's `Events` message.
public final class EventRows {
  private EventRows() {}

  public static List<ByteString> signedEvents(RowSet<Row> rows) {
    List<ByteString> events = new ArrayList<>(rows.size());
    for (Row row : rows) events.add(Bytes.bytes(row.getBuffer("signed_event")));
    return events;
  }

  /// Stored `SignedEvent` bytes as the wire's `Events` message.
  public static Events asEvents(List<ByteString> signed) {
    Events.Builder events = Events.newBuilder();
    for (ByteString s : signed) {
      try {
        events.addEvents(SignedEvent.parseFrom(s));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("a stored event does not parse", e);
      }
    }
    return events.build();
  }
}
