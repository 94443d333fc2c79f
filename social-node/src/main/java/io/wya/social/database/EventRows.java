package io.wya.social.database;

import com.google.protobuf.ByteString;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;

/// Reads of stored events: the `signed_event` column of each row, as stored and served.
public final class EventRows {
  private EventRows() {}

  public static List<ByteString> signedEvents(RowSet<Row> rows) {
    List<ByteString> events = new ArrayList<>(rows.size());
    for (Row row : rows) events.add(Bytes.bytes(row.getBuffer("signed_event")));
    return events;
  }
}
