package io.wya.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.mailbox.Entry;
import io.wya.gateway.mailbox.EntryEvent;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.UserId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BusCodecTest {
  private static final Random RANDOM = new Random(7);

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static DeviceKey device() {
    return new DeviceKey(new UserId(bytes(32)), new DeviceId(bytes(16)));
  }

  @Test
  void everyMessageRoundTrips() {
    Entry e = new Entry(new ConvId(bytes(32)), 42, new MsgId(bytes(16)), EntryKind.COMMIT, 7, bytes(300), bytes(50), bytes(80), null,
        "gw_a", "gw_a", 1_700_000_000_000L, device());
    EntryEvent event = new EntryEvent(e, List.of(device(), device()), List.of(device()));
    BusMessage.EntryAccepted decoded = (BusMessage.EntryAccepted) BusCodec.decode(BusCodec.encode(new BusMessage.EntryAccepted("i1", event)));
    assertThat(decoded.origin()).isEqualTo("i1");
    Entry d = decoded.event().entry();
    assertThat(d.conv()).isEqualTo(e.conv());
    assertThat(d.seq()).isEqualTo(42);
    assertThat(d.kind()).isEqualTo(EntryKind.COMMIT);
    assertThat(d.mlsMessage()).isEqualTo(e.mlsMessage());
    assertThat(d.welcome()).isEqualTo(e.welcome());
    assertThat(d.groupInfo()).isEqualTo(e.groupInfo());
    assertThat(d.successor()).isNull();
    assertThat(d.sender()).isEqualTo(e.sender());
    assertThat(decoded.event().added()).isEqualTo(event.added());
    assertThat(decoded.event().removed()).isEqualTo(event.removed());

    DeviceKey dk = device();
    assertThat(BusCodec.decode(BusCodec.encode(new BusMessage.SessionClaimed("i2", dk, 99, "s1"))))
        .isEqualTo(new BusMessage.SessionClaimed("i2", dk, 99, "s1"));
    BusMessage.DevicePush push = (BusMessage.DevicePush) BusCodec.decode(BusCodec.encode(new BusMessage.DevicePush("i3", dk, bytes(9))));
    assertThat(push.device()).isEqualTo(dk);
    assertThat(push.frame()).hasSize(9);
    BusMessage.StreamFrame frame = (BusMessage.StreamFrame) BusCodec.decode(BusCodec.encode(new BusMessage.StreamFrame("i4", "abc", bytes(3))));
    assertThat(frame.streamId()).isEqualTo("abc");
  }

  @Test
  void garbageAndOtherVersionsDecodeToNull() {
    assertThat(BusCodec.decode(new byte[0])).isNull();
    assertThat(BusCodec.decode(new byte[] {2, 1})).isNull();
    byte[] good = BusCodec.encode(new BusMessage.SessionClaimed("i", device(), 1, "s"));
    assertThat(BusCodec.decode(java.util.Arrays.copyOf(good, good.length - 3))).isNull();
  }
}
