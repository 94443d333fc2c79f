package io.wya.social.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.wya.polycentric.proto.Events;
import io.wya.polycentric.proto.PublicKey;
import io.wya.polycentric.proto.SignedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/// A relay pass's events become one `Events` record per system, in pass order, split only where
/// the record limit needs it (ADR 0120).
class EventRecordsTest {
  private static final byte[] ALICE = system(1), BOB = system(2);

  @Test void eachSystemsEventsShareOneRecordInPassOrder() throws Exception {
    List<EventRecords.Pending> pass = List.of(event(0, ALICE, 3, 100), event(1, BOB, 4, 100), event(2, ALICE, 4, 100),
        event(3, ALICE, 3, 100));
    List<EventRecords.Packed> records = new EventRecords(1_000_000).pack(pass);

    assertThat(records).hasSize(2);
    EventRecords.Packed alice = records.getFirst();
    assertThat(PublicKey.parseFrom(alice.key()).getKey().toByteArray()).isEqualTo(ALICE);
    assertThat(PublicKey.parseFrom(alice.key()).getKeyType()).isEqualTo(1);
    assertThat(alice.positions()).containsExactly(0, 2, 3);
    assertThat(alice.contentTypes()).isEqualTo("3,4");
    assertThat(Events.parseFrom(alice.value()).getEventsList()).extracting(SignedEvent::toByteString)
        .containsExactly(bytes(pass.get(0)), bytes(pass.get(2)), bytes(pass.get(3)));
    assertThat(records.get(1).positions()).containsExactly(1);
    assertThat(records.get(1).contentTypes()).isEqualTo("4");
  }

  @Test void theValueIsTheStoredBytesOfEachEventUnchanged() {
    // Field 1 of SignedEvent written twice and an unknown field 9: a re-encoding would change it.
    byte[] unusual = {0x0a, 0x01, 0x41, 0x0a, 0x01, 0x42, 0x12, 0x01, 0x43, 0x48, 0x01};
    EventRecords.Packed record = new EventRecords(1_000).pack(List.of(new EventRecords.Pending(0, ALICE, unusual, 3))).getFirst();
    byte[] expected = new byte[2 + unusual.length];
    expected[0] = 0x0a;
    expected[1] = (byte) unusual.length;
    System.arraycopy(unusual, 0, expected, 2, unusual.length);
    assertThat(record.value()).isEqualTo(expected);
  }

  @Test void aSystemsEventsAreSplitInOrderWhereTheLimitNeedsIt() {
    List<EventRecords.Pending> pass = new ArrayList<>();
    for (int i = 0; i < 5; i++) pass.add(event(i, ALICE, 3, 400)); // 403 bytes each inside Events
    List<EventRecords.Packed> records = new EventRecords(1_000).pack(pass);

    assertThat(records).extracting(r -> Arrays.stream(r.positions()).boxed().toList())
        .containsExactly(List.of(0, 1), List.of(2, 3), List.of(4));
    assertThat(records).allSatisfy(r -> assertThat(r.value().length).isLessThanOrEqualTo(1_000));
  }

  @Test void anEventAsLargeAsTheLimitTravelsAlone() {
    List<EventRecords.Packed> records = new EventRecords(1_000).pack(List.of(event(0, ALICE, 3, 100), event(1, ALICE, 8, 1_000),
        event(2, ALICE, 3, 100)));
    assertThat(records).extracting(r -> Arrays.stream(r.positions()).boxed().toList())
        .containsExactly(List.of(0), List.of(1), List.of(2));
  }

  @Test void aPassWithoutPublishableEventsHasNoRecords() {
    assertThat(new EventRecords(1_000).pack(List.of())).isEmpty();
    assertThatThrownBy(() -> new EventRecords(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static EventRecords.Pending event(int position, byte[] system, long contentType, int size) {
    byte[] signed = new byte[0];
    for (int n = size - 66; n > 0 && signed.length != size; n--) {
      byte[] eventBytes = new byte[n];
      Arrays.fill(eventBytes, (byte) position);
      signed = SignedEvent.newBuilder().setSignature(ByteString.copyFrom(new byte[64])).setEvent(ByteString.copyFrom(eventBytes))
          .build().toByteArray();
    }
    assertThat(signed).hasSize(size);
    return new EventRecords.Pending(position, system, signed, contentType);
  }

  private static ByteString bytes(EventRecords.Pending e) { return ByteString.copyFrom(e.signedEvent()); }

  private static byte[] system(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }
}
