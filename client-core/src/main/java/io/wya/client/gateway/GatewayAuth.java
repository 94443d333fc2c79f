package io.wya.client.gateway;

import io.wya.gateway.protocol.DeviceKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/// The bytes a device signs to authenticate (GATEWAY_SPEC §5.1):
/// `"wya-gateway-auth-v1" ‖ u8(len(gateway_id)) ‖ gateway_id ‖ nonce ‖ user_id ‖ device_id`.
final class GatewayAuth {
  static final String CONTEXT = "wya-gateway-auth-v1";
  static final int NONCE_LENGTH = 32;

  private GatewayAuth() {}

  static byte[] message(String gatewayId, byte[] nonce, DeviceKey device) {
    byte[] id = gatewayId.getBytes(StandardCharsets.UTF_8);
    if (id.length > 255) throw new IllegalArgumentException("gateway_id longer than 255 bytes");
    if (nonce.length != NONCE_LENGTH) throw new IllegalArgumentException("the challenge nonce must be 32 bytes, got " + nonce.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(CONTEXT.getBytes(StandardCharsets.US_ASCII));
    out.write(id.length);
    out.writeBytes(id);
    out.writeBytes(nonce);
    out.writeBytes(device.user().unsafeBytes());
    out.writeBytes(device.device().unsafeBytes());
    return out.toByteArray();
  }
}
