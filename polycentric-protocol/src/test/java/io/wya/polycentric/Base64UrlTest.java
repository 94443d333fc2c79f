package io.wya.polycentric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Base64UrlTest {
  private static final byte[] BYTES = {(byte) 0xfb, (byte) 0xff, 0x01, 0x02};

  @Test void paddedAndUnpaddedBase64UrlDecodeTheSame() {
    assertThat(Base64Url.encode(BYTES)).isEqualTo("-_8BAg");
    assertThat(Base64Url.decode("-_8BAg")).isEqualTo(BYTES);
    assertThat(Base64Url.decode("-_8BAg==")).isEqualTo(BYTES);
  }

  @Test void anEmptyParameterIsZeroBytes() {
    assertThat(Base64Url.decode("")).isEmpty();
  }

  @Test void theStandardAlphabetIsOnlyAcceptedWhereUpstreamDecodesIt() {
    assertThatThrownBy(() -> Base64Url.decode("+/8BAg==")).isInstanceOf(WireException.class);
    assertThat(Base64Url.decodeAnyAlphabet("+/8BAg==")).isEqualTo(BYTES);
    assertThat(Base64Url.decodeAnyAlphabet(Base64Url.encodeStandard(BYTES))).isEqualTo(BYTES);
  }

  @Test void garbageIsRejectedWithACode() {
    for (String bad : new String[] {"a", "ab$c", "abc===", "a=bc"}) {
      assertThatThrownBy(() -> Base64Url.decode(bad)).as(bad).isInstanceOf(WireException.class)
          .extracting(e -> ((WireException) e).code()).isEqualTo("INVALID_BASE64");
    }
  }
}
