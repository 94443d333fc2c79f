package io.wya.mls.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.mls.wire.MlsWireException.Reason;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The structures only a client meets (decrypted Welcome contents, ratchet trees, PrivateMessage
/// plaintexts): parsed as strictly as the gateway's messages, so that the client's BouncyCastle
/// decoder never sees bytes the strict parser has not accepted first (RISK R6).
class ClientSideParsingTest {

  @Test
  @DisplayName("PARSE-3 every ratchet_tree and group_secrets of the messages vectors parses; prefixes and trailing bytes are rejected")
  void ratchetTreesAndGroupSecretsOfTheVectorsParse() throws Exception {
    JsonNode cases = Vectors.load("messages.json");
    int trees = 0;
    for (JsonNode c : cases) {
      byte[] tree = Vectors.hex(c.get("ratchet_tree"));
      RatchetTree parsed = MlsWire.parseRatchetTree(tree, MlsLimits.DEFAULT);
      assertThat(parsed.nodes().size() % 2).isEqualTo(1);
      assertThat(parsed.nodes().getLast()).isPresent();
      byte[] secrets = Vectors.hex(c.get("group_secrets"));
      GroupSecrets gs = MlsWire.parseGroupSecrets(secrets, MlsLimits.DEFAULT);
      assertThat(gs.joinerSecret()).isNotEmpty();
      trees++;
      if (trees <= 10) {
        assertThatThrownBy(() -> MlsWire.parseRatchetTree(Arrays.copyOf(tree, tree.length + 1), MlsLimits.DEFAULT))
            .isInstanceOf(MlsWireException.class);
        assertThatThrownBy(() -> MlsWire.parseGroupSecrets(Arrays.copyOf(secrets, secrets.length + 1), MlsLimits.DEFAULT))
            .isInstanceOf(MlsWireException.class);
        for (int len = 0; len < Math.min(tree.length, 200); len++) {
          byte[] prefix = Arrays.copyOf(tree, len);
          assertThatThrownBy(() -> MlsWire.parseRatchetTree(prefix, MlsLimits.DEFAULT)).isInstanceOf(MlsWireException.class);
        }
        for (int len = 0; len < secrets.length; len++) {
          byte[] prefix = Arrays.copyOf(secrets, len);
          assertThatThrownBy(() -> MlsWire.parseGroupSecrets(prefix, MlsLimits.DEFAULT)).isInstanceOf(MlsWireException.class);
        }
      }
    }
    assertThat(trees).isEqualTo(cases.size());
  }

  @Test
  @DisplayName("PARSE-3 the bare GroupInfo inside every mls_group_info vector parses")
  void bareGroupInfoParses() throws Exception {
    for (JsonNode c : Vectors.load("messages.json")) {
      byte[] message = Vectors.hex(c.get("mls_group_info"));
      GroupInfo viaMessage = (GroupInfo) MlsWire.parseMessage(message);
      GroupInfo bare = MlsWire.parseGroupInfo(Arrays.copyOfRange(message, 4, message.length), MlsLimits.DEFAULT);
      assertThat(bare.signature()).isEqualTo(viaMessage.signature());
      assertThat(bare.groupContext().epoch()).isEqualTo(viaMessage.groupContext().epoch());
    }
  }

  @Test
  @DisplayName("PARSE-2 a ratchet tree whose shape cannot be laid out is rejected as INVALID_STRUCTURE")
  void malformedTreeShapesAreRejected() {
    byte[] parentAtLeafSlot = new TlsWriter().vector(new TlsWriter().u8(1).u8(2).opaque(new byte[32]).opaque(new byte[0])
        .vector(new TlsWriter())).bytes();
    byte[] trailingBlank = new TlsWriter().vector(new TlsWriter().u8(0)).bytes();
    byte[] empty = new TlsWriter().vector(new TlsWriter()).bytes();
    for (byte[] tree : new byte[][] {parentAtLeafSlot, trailingBlank, empty}) {
      MlsWireException e = catchThrowableOfType(MlsWireException.class, () -> MlsWire.parseRatchetTree(tree, MlsLimits.DEFAULT));
      assertThat(e.reason()).isEqualTo(Reason.INVALID_STRUCTURE);
    }
  }

  @Test
  @DisplayName("PARSE-2 PrivateMessageContent: zero padding is dropped, a non-zero padding byte is rejected where it sits")
  void paddingMustBeZero() throws Exception {
    byte[] content = new TlsWriter().opaque("hi".getBytes()).opaque(new byte[64]).raw(new byte[5]).bytes();
    PrivateMessageContent parsed = MlsWire.parsePrivateMessageContent(ContentType.APPLICATION, content, MlsLimits.DEFAULT);
    assertThat(((Content.ApplicationData) parsed.content()).data()).isEqualTo("hi".getBytes());
    assertThat(parsed.contentBytes()).isEqualTo(new TlsWriter().opaque("hi".getBytes()).bytes());
    assertThat(parsed.confirmationTag()).isEmpty();
    byte[] dirty = content.clone();
    dirty[dirty.length - 2] = 1;
    MlsWireException e = catchThrowableOfType(MlsWireException.class,
        () -> MlsWire.parsePrivateMessageContent(ContentType.APPLICATION, dirty, MlsLimits.DEFAULT));
    assertThat(e.reason()).isEqualTo(Reason.INVALID_STRUCTURE);
    assertThat(e.offset()).isEqualTo(dirty.length - 2);
  }

  @Test
  @DisplayName("PARSE-2 SenderData is exactly leaf_index, generation and a 4-byte reuse guard")
  void senderDataIsExact() throws Exception {
    byte[] data = HexFormat.of().parseHex("00000003" + "00000007" + "a1b2c3d4");
    SenderData sd = MlsWire.parseSenderData(data);
    assertThat(sd.leafIndex()).isEqualTo(3);
    assertThat(sd.generation()).isEqualTo(7);
    assertThat(sd.reuseGuard()).containsExactly(0xa1, 0xb2, 0xc3, 0xd4);
    assertThatThrownBy(() -> MlsWire.parseSenderData(Arrays.copyOf(data, 13))).isInstanceOf(MlsWireException.class);
    assertThatThrownBy(() -> MlsWire.parseSenderData(Arrays.copyOf(data, 11))).isInstanceOf(MlsWireException.class);
  }

  @Test
  @DisplayName("external_pub carries a length-prefixed key (RFC 9420 §12.4.3.2); the raw 32 bytes ts-mls 1.x writes do not parse")
  void externalPubNeedsItsLengthPrefix() throws Exception {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 0x55);
    assertThat(MlsWire.parseExternalPub(new TlsWriter().opaque(key).bytes())).isEqualTo(key);
    assertThatThrownBy(() -> MlsWire.parseExternalPub(key)).isInstanceOf(MlsWireException.class);
  }
}
