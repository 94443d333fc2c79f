package io.wya.gateway.auth;

import io.wya.gateway.protocol.AuthMessage;
import io.wya.gateway.protocol.DeviceKey;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/// Checks the Ed25519 proof of a device over its connection's challenge (GATEWAY_SPEC §5.1,
/// AUTH-2): the signature over [AuthMessage] must verify under `user_id`, the user's Polycentric
/// system public key (RFC 8032, pure Ed25519; BouncyCastle's implementation rejects
/// non-canonical points and signatures).
public final class Authenticator {
  private final String gatewayId;

  public Authenticator(String gatewayId) {
    this.gatewayId = gatewayId;
  }

  public boolean verify(byte[] nonce, DeviceKey device, byte[] signature) {
    if (signature.length != Ed25519.SIGNATURE_SIZE) return false;
    byte[] message = AuthMessage.of(gatewayId, nonce, device);
    try {
      return Ed25519.verify(signature, 0, device.user().unsafeBytes(), 0, message, 0, message.length);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
