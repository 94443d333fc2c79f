package io.wya.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.protocol.ErrorCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ActivityRuleTest {
  @Test
  @DisplayName("PRS-12 an activity longer than GATEWAY_PRESENCE_MAX_ACTIVITY_BYTES encoded bytes is refused")
  void lengthIsCountedInUtf8Bytes() {
    assertThat(ActivityRule.check("12345678", 8)).isNull();
    assertThat(ActivityRule.check("123456789", 8).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(ActivityRule.check("ééé", 6)).isNull();
    assertThat(ActivityRule.check("éééé", 6)).isNotNull();
    assertThat(ActivityRule.check("", 0)).isNull();
  }

  @Test
  @DisplayName("PRS-12 control characters, line separators and bidi overrides are refused; emoji are fine")
  void controlCharactersAreRefused() {
    assertThat(ActivityRule.check("a\nb", 64)).isNotNull();
    assertThat(ActivityRule.check("a\u0000", 64)).isNotNull();
    assertThat(ActivityRule.check("x\u2028y", 64)).isNotNull();
    assertThat(ActivityRule.check("\u202Eevil", 64)).isNotNull();
    assertThat(ActivityRule.check("\u2067x", 64)).isNotNull();
    assertThat(ActivityRule.check("coding 👩‍💻 café", 64)).isNull();
  }
}
