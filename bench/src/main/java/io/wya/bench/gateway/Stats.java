package io.wya.bench.gateway;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/// What the load generator measures: deliveries and send-to-receive latency. Every payload carries
/// [#MARKER] followed by the sender's `System.nanoTime()`; receivers find it by scanning, the
/// same cheap work for the baseline and the gateway.
final class Stats {
  static final byte[] MARKER = "WYABENCH".getBytes(StandardCharsets.US_ASCII);

  final LongAdder delivered = new LongAdder();
  final LongAdder sent = new LongAdder();
  final LongAdder refused = new LongAdder();
  private final Recorder latencyMicros = new Recorder(60_000_000L, 3);

  /// Records one delivery if `frame` carries a marker; returns the sender tag written by
  /// [#stamp], or -1 when the frame is not a stamped message.
  int received(byte[] frame) {
    int at = find(frame);
    if (at < 0) return -1;
    long sentAt = 0;
    for (int i = 0; i < 8; i++) sentAt = (sentAt << 8) | (frame[at + MARKER.length + i] & 0xFF);
    delivered.increment();
    latencyMicros.recordValue(Math.max(0, (System.nanoTime() - sentAt) / 1000));
    return ((frame[at + MARKER.length + 8] & 0xFF) << 8) | (frame[at + MARKER.length + 9] & 0xFF);
  }

  /// Starts a measurement window: forgets what was recorded so far.
  void reset() {
    delivered.reset();
    sent.reset();
    refused.reset();
    latencyMicros.getIntervalHistogram();
  }

  Histogram latency() { return latencyMicros.getIntervalHistogram(); }

  /// Writes the marker, the current time and the sender's tag at `offset` of `payload`.
  static void stamp(byte[] payload, int offset, int tag) {
    System.arraycopy(MARKER, 0, payload, offset, MARKER.length);
    long now = System.nanoTime();
    for (int i = 7; i >= 0; i--) {
      payload[offset + MARKER.length + i] = (byte) now;
      now >>>= 8;
    }
    payload[offset + MARKER.length + 8] = (byte) (tag >> 8);
    payload[offset + MARKER.length + 9] = (byte) tag;
  }

  static int find(byte[] b) {
    outer:
    for (int i = 0; i + MARKER.length + 10 <= b.length; i++) {
      for (int j = 0; j < MARKER.length; j++) if (b[i + j] != MARKER[j]) continue outer;
      return i;
    }
    return -1;
  }
}
