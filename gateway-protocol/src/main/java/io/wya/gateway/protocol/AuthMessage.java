package io.wya.gateway.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/// The bytes a device signs with its user's Polycentric system key to authenticate (GATEWAY_SPEC
/// §5.1): `"wya-gateway-auth-v1" ‖ u8(len(gateway_id)) ‖ gateway_id ‖ nonce ‖ user_id ‖ device_id`.
public final class AuthMessage {
  /// The domain-separation prefix.
  public static final String CONTEXT = "wya-gateway-auth-v1";
  /// Length of the Challenge nonce.
  public static final int NONCE_LENGTH = 32;

  private AuthMessage() {}

  /// The signed message for `device` answering `nonce` from the gateway `gatewayId`.
  public static byte[] of(String gatewayId, byte[] nonce, DeviceKey device) {
    byte[] id = gatewayId.getBytes(StandardCharsets.UTF_8);
    if (id.length > 255) throw new IllegalArgumentException("gateway_id longer than 255 bytes");
    if (nonce.length != NONCE_LENGTH) throw new IllegalArgumentException("nonce must be " + NONCE_LENGTH + " bytes");
    ByteArrayOutputStream out = new ByteArrayOutputStream(CONTEXT.length() + 1 + id.length + NONCE_LENGTH + 48);
    out.writeBytes(CONTEXT.getBytes(StandardCharsets.US_ASCII));
    out.write(id.length);
    out.writeBytes(id);
    out.writeBytes(nonce);
    out.writeBytes(device.user().unsafeBytes());
    out.writeBytes(device.device().unsafeBytes());
    return out.toByteArray();
  }
}
