package io.wya.mls.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.mls.wire.MlsWireException.Reason;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VarintTest {
  @Test
  @DisplayName("PARSE-1 the deserialization vectors decode to their lengths")
  void deserializationVectorsDecode() throws Exception {
    JsonNode cases = Vectors.load("deserialization.json");
    assertThat(cases.size()).isEqualTo(14);
    for (JsonNode c : cases) {
      assertThat(MlsWire.parseVarint(Vectors.hex(c.get("vlbytes_header")))).as(c.toString()).isEqualTo(c.get("length").asInt());
      assertThat(HexFormat.of().formatHex(MlsCrypto.varint(c.get("length").asInt()))).isEqualTo(c.get("vlbytes_header").asText());
    }
  }

  @Test
  @DisplayName("PARSE-1 a varint longer than its minimal encoding is rejected")
  void nonMinimalVarintsAreRejected() {
    for (String hex : new String[] {"4000", "403f", "80000000", "80003fff"}) {
      assertThatThrownBy(() -> MlsWire.parseVarint(HexFormat.of().parseHex(hex)))
          .isInstanceOfSatisfying(MlsWireException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NON_MINIMAL_VARINT);
            assertThat(e.offset()).isZero();
          });
    }
  }

  @Test
  @DisplayName("PARSE-1 the reserved 11 varint prefix is rejected")
  void reservedPrefixIsRejected() {
    for (String hex : new String[] {"c0", "ff", "c0000000000000ff"}) {
      assertThatThrownBy(() -> MlsWire.parseVarint(HexFormat.of().parseHex(hex)))
          .isInstanceOfSatisfying(MlsWireException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_VARINT_PREFIX));
    }
  }

  @Test
  void truncatedVarintsAreRejected() {
    for (String hex : new String[] {"", "40", "8000", "800040"}) {
      assertThatThrownBy(() -> MlsWire.parseVarint(HexFormat.of().parseHex(hex)))
          .isInstanceOfSatisfying(MlsWireException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
    }
  }
}
