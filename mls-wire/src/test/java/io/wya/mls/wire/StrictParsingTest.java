package io.wya.mls.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.mls.wire.MlsWireException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StrictParsingTest {
  private static final String[] KINDS = {"mls_welcome", "mls_group_info", "mls_key_package", "public_message_application",
      "public_message_proposal", "public_message_commit", "private_message"};
  private static List<byte[]> samples;

  @BeforeAll
  static void loadSamples() {
    JsonNode cases = Vectors.load("messages.json");
    samples = new ArrayList<>();
    for (int i = 0; i < 12; i++) for (String kind : KINDS) samples.add(Vectors.hex(cases.get(i).get(kind)));
  }

  @Test
  @DisplayName("PARSE-2 a byte after a valid message is rejected as TRAILING_BYTES at the message's end")
  void trailingBytesAreRejected() {
    for (byte[] message : samples) {
      byte[] longer = Arrays.copyOf(message, message.length + 1);
      MlsWireException e = catchThrowableOfType(MlsWireException.class, () -> MlsWire.parseMessage(longer));
      assertThat(e.reason()).isEqualTo(Reason.TRAILING_BYTES);
      assertThat(e.offset()).isEqualTo(message.length);
    }
  }

  @Test
  @DisplayName("PARSE-2 every proper prefix of a valid message is rejected")
  void everyPrefixIsRejected() {
    for (byte[] message : samples) {
      for (int len = 0; len < message.length; len++) {
        byte[] prefix = Arrays.copyOf(message, len);
        assertThatThrownBy(() -> MlsWire.parseMessage(prefix)).isInstanceOf(MlsWireException.class);
      }
    }
  }

  @Test
  @DisplayName("PARSE-2 an 8-byte message claiming a 1 GiB vector is rejected without allocating it")
  void hugeDeclaredLengthIsRejectedCheaply() {
    // version mls10, wire_format welcome, cipher_suite 1, secrets<V> declared 0x3fffffff bytes long
    byte[] attack = HexFormat.of().parseHex("00010003" + "0001" + "bfffffff");
    long before = usedHeap();
    MlsWireException e = catchThrowableOfType(MlsWireException.class, () -> MlsWire.parseMessage(attack));
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.offset()).isEqualTo(6);
    assertThat(usedHeap() - before).isLessThan(64L << 20);
  }

  @Test
  @DisplayName("PARSE-2 input over the caller's cap is rejected before it is read")
  void sizeCapIsCheckedFirst() {
    byte[] message = samples.getFirst();
    MlsWireException e = catchThrowableOfType(MlsWireException.class,
        () -> MlsWire.parseMessage(message, new MlsLimits(message.length - 1)));
    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(e.offset()).isZero();
  }

  @Test
  @DisplayName("PARSE-1 a non-minimal length inside a real message is rejected at its offset")
  void nonMinimalLengthInsideMessage() throws Exception {
    byte[] privateMessage = samples.get(6);
    assertThat(MlsWire.parseMessage(privateMessage)).isInstanceOf(PrivateMessage.class);
    int groupIdLength = privateMessage[4] & 0xff;
    assertThat(groupIdLength).isLessThan(64);
    byte[] widened = new byte[privateMessage.length + 1];
    System.arraycopy(privateMessage, 0, widened, 0, 4);
    widened[4] = 0x40;
    widened[5] = (byte) groupIdLength;
    System.arraycopy(privateMessage, 5, widened, 6, privateMessage.length - 5);
    MlsWireException e = catchThrowableOfType(MlsWireException.class, () -> MlsWire.parseMessage(widened));
    assertThat(e.reason()).isEqualTo(Reason.NON_MINIMAL_VARINT);
    assertThat(e.offset()).isEqualTo(4);
  }

  @Test
  @DisplayName("PARSE-4 each kind of malformed header has its own reason and offset")
  void reasonsAndOffsets() {
    expect("0002" + "0001", Reason.UNSUPPORTED_VERSION, 0);
    expect("0001" + "0006", Reason.UNKNOWN_WIRE_FORMAT, 2);
    expect("0001" + "0000", Reason.UNKNOWN_WIRE_FORMAT, 2);
    // private message: group_id "aa", epoch 7, content_type 9
    expect("0001" + "0002" + "01aa" + "0000000000000007" + "09", Reason.UNKNOWN_CONTENT_TYPE, 14);
    // public message with sender_type 7
    expect("0001" + "0001" + "01aa" + "0000000000000007" + "07", Reason.UNKNOWN_SENDER_TYPE, 14);
    // public commit from a member: empty proposals, path presence byte 2
    expect("0001" + "0001" + "01aa" + "0000000000000007" + "01" + "00000000" + "00" + "03" + "00" + "02",
        Reason.INVALID_OPTIONAL, 22);
    // public proposal from a member with proposal_type 0x0A0A (GREASE: body unknown)
    expect("0001" + "0001" + "01aa" + "0000000000000007" + "01" + "00000000" + "00" + "02" + "0a0a",
        Reason.UNKNOWN_PROPOSAL_TYPE, 21);
    // application data from a new_member_commit sender
    expect("0001" + "0001" + "01aa" + "0000000000000007" + "04" + "00" + "01" + "00" + "00",
        Reason.INVALID_STRUCTURE, 14);
    // a vector of u16 with an odd length cannot hold whole elements
    byte[] capabilities = new TlsWriter().opaque(new byte[] {0, 1, 0}).bytes();
    MlsWireException e = catchThrowableOfType(MlsWireException.class,
        () -> MlsParser.capabilities(new MlsReader(capabilities)));
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.offset()).isEqualTo(3); // the second u16 of the vector starts at 3
  }

  @Test
  @DisplayName("PARSE-4 random corruptions of real messages never escape as anything but MlsWireException")
  void corruptedMessagesFailCleanly() {
    Random random = new Random(9420);
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] message = samples.get(random.nextInt(samples.size())).clone();
      int flips = 1 + random.nextInt(3);
      for (int f = 0; f < flips; f++) message[random.nextInt(message.length)] ^= (byte) (1 << random.nextInt(8));
      try {
        MlsWire.parseMessage(message);
        accepted++;
      } catch (MlsWireException expected) {
        assertThat(expected.offset()).isBetween(0, message.length);
      }
    }
    // flips inside opaque payloads keep the structure valid, so many still parse
    assertThat(accepted).isPositive();
  }

  private static void expect(String hex, Reason reason, int offset) {
    MlsWireException e = catchThrowableOfType(MlsWireException.class, () -> MlsWire.parseMessage(HexFormat.of().parseHex(hex)));
    assertThat(e).as(hex).isNotNull();
    assertThat(e.reason()).as(hex).isEqualTo(reason);
    assertThat(e.offset()).as(hex).isEqualTo(offset);
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
