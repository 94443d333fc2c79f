package io.wya.gateway.contacts;

import io.wya.polycentric.VerifiedEvent;
import java.util.ArrayList;
import java.util.List;

/// Signed events → the operations the consumer would hand to a projection, through the real
/// parser (so the tests cover the trust boundary too).
final class Graph {
  private Graph() {}

  static List<GraphOp> ops(VerifiedEvent event) {
    var parsed = GraphRecordParser.parse(event.signedEventBytes().toByteArray(), Long.toString(event.contentType()));
    if (!(parsed instanceof GraphRecordParser.Ops ops)) throw new AssertionError("not a graph event: " + parsed);
    return ops.ops();
  }

  /// One record per event, at consecutive offsets from `firstOffset`.
  static List<ContactsProjection.OffsetOp> records(long firstOffset, VerifiedEvent... events) {
    List<ContactsProjection.OffsetOp> out = new ArrayList<>();
    long offset = firstOffset;
    for (VerifiedEvent e : events) {
      for (GraphOp op : ops(e)) out.add(new ContactsProjection.OffsetOp(offset, op));
      offset++;
    }
    return out;
  }
}
