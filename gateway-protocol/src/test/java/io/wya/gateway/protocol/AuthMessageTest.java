package io.wya.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuthMessageTest {
  @Test
  void layoutIsContextLengthPrefixedIdNonceUserDevice() {
    byte[] nonce = new byte[32];
    Arrays.fill(nonce, (byte) 7);
    byte[] user = new byte[32];
    Arrays.fill(user, (byte) 1);
    byte[] device = new byte[16];
    Arrays.fill(device, (byte) 2);
    byte[] m = AuthMessage.of("gw_x", nonce, new DeviceKey(new UserId(user), new DeviceId(device)));
    byte[] context = "wya-gateway-auth-v1".getBytes(StandardCharsets.US_ASCII);
    assertThat(m).hasSize(context.length + 1 + 4 + 32 + 32 + 16);
    assertThat(Arrays.copyOf(m, context.length)).isEqualTo(context);
    assertThat(m[context.length]).isEqualTo((byte) 4);
    assertThat(new String(m, context.length + 1, 4, StandardCharsets.UTF_8)).isEqualTo("gw_x");
    assertThat(Arrays.copyOfRange(m, context.length + 5, context.length + 37)).isEqualTo(nonce);
    assertThat(Arrays.copyOfRange(m, m.length - 16, m.length)).isEqualTo(device);
  }

  @Test
  void nonceMustBe32Bytes() {
    DeviceKey d = new DeviceKey(new UserId(new byte[32]), new DeviceId(new byte[16]));
    assertThatThrownBy(() -> AuthMessage.of("gw", new byte[31], d)).isInstanceOf(IllegalArgumentException.class);
  }
}
