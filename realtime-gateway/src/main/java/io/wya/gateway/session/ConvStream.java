package io.wya.gateway.session;

import io.wya.gateway.mailbox.Membership;
import io.wya.gateway.protocol.ConvId;

/// Delivery state of one conversation in one session: the device's window, the last seq written
/// (`delivered`), the newest seq heard of (`knownHead`), and whether a store read is running.
/// Invariant (DLV-1): `delivered` only grows, by one per Deliver, or jumps over a range reported
/// in a HistoryGap.
final class ConvStream {
  final ConvId conv;
  long windowStart;
  long windowEnd;
  long delivered;
  long knownHead;
  boolean reading;
  boolean initial;
  boolean subscribed;

  ConvStream(ConvId conv, long windowStart, long windowEnd, long delivered, long knownHead) {
    this.conv = conv;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.delivered = delivered;
    this.knownHead = knownHead;
  }

  static ConvStream of(Membership m) {
    return new ConvStream(m.conv(), m.addedSeq(), m.removedSeq(), m.firstUnacked() - 1, m.headSeq());
  }

  /// The last seq this device may receive that is known to exist.
  long readableHead() { return Math.min(knownHead, windowEnd); }

  /// True when entries are known that were not written yet.
  boolean behind() { return delivered < readableHead(); }

  /// True when the window ended and everything in it was written.
  boolean finished() { return windowEnd != Membership.ACTIVE && delivered >= windowEnd; }
}
