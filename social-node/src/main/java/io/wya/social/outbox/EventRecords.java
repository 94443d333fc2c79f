package io.wya.social.outbox;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/// Packs a relay pass's events into Kafka records (ADR 0120): one record per system, its value the
/// protobuf `Events` message of that system's events in the order the pass read them, each
/// `SignedEvent` byte for byte as stored. Kafka's cost is per record and per batch, not per byte:
/// a pass of 20-event batches sent 20 records per batch before. A system's events go into as many
/// records as [#maxRecordBytes] needs, in order; an event alone always fits one record (the relay
/// only hands over events no larger than the limit).
final class EventRecords {
  /// An event of the pass: its position in the pass, its system's 32-byte key, its stored bytes.
  record Pending(int position, byte[] system, byte[] signedEvent, long contentType) {}

  /// A record to send: key, value (`Events`), the distinct content types of its events (ascending,
  /// comma-separated decimal, the header consumers filter on) and the pass positions it carries.
  record Packed(byte[] key, byte[] value, String contentTypes, int[] positions) {}

  private final int maxRecordBytes;

  /// @param maxRecordBytes largest value of a record holding more than one event
  EventRecords(int maxRecordBytes) {
    if (maxRecordBytes < 1) throw new IllegalArgumentException("the record limit must be at least one byte");
    this.maxRecordBytes = maxRecordBytes;
  }

  /// The records of one pass, systems in the order of their first event.
  List<Packed> pack(List<Pending> events) {
    Map<ByteBuffer, List<Pending>> bySystem = new LinkedHashMap<>(); // a ByteBuffer compares and hashes its content
    for (Pending e : events) bySystem.computeIfAbsent(ByteBuffer.wrap(e.system()), k -> new ArrayList<>()).add(e);
    List<Packed> records = new ArrayList<>();
    for (List<Pending> ofSystem : bySystem.values()) {
      List<Pending> chunk = new ArrayList<>();
      int size = 0;
      for (Pending e : ofSystem) {
        int encoded = CodedOutputStream.computeByteArraySize(1, e.signedEvent());
        if (!chunk.isEmpty() && size + encoded > maxRecordBytes) {
          records.add(packed(chunk, size));
          chunk = new ArrayList<>();
          size = 0;
        }
        chunk.add(e);
        size += encoded;
      }
      records.add(packed(chunk, size));
    }
    return records;
  }

  private static Packed packed(List<Pending> chunk, int size) {
    byte[] value = new byte[size];
    CodedOutputStream out = CodedOutputStream.newInstance(value);
    try {
      for (Pending e : chunk) out.writeByteArray(1, e.signedEvent()); // Events.events = 1, each SignedEvent as stored
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("an Events record did not encode to its computed size", e);
    }
    String types = chunk.stream().map(Pending::contentType).collect(Collectors.toCollection(() -> new TreeSet<>(Long::compareUnsigned))).stream()
        .map(Long::toUnsignedString).collect(Collectors.joining(","));
    return new Packed(recordKey(chunk.getFirst().system()), value, types, chunk.stream().mapToInt(Pending::position).toArray());
  }

  /// The record key: the encoded `PublicKey{key_type: 1, key}` = `08 01 12 20` ‖ key, which
  /// [io.wya.polycentric.SystemKey] guarantees for every stored system (Ed25519, 32 bytes).
  static byte[] recordKey(byte[] system) {
    byte[] key = new byte[4 + system.length];
    key[0] = 0x08;
    key[1] = 0x01;
    key[2] = 0x12;
    key[3] = 0x20;
    System.arraycopy(system, 0, key, 4, system.length);
    return key;
  }
}
