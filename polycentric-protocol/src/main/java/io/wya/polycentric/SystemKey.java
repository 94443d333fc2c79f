package io.wya.polycentric;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.polycentric.proto.PublicKey;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/// A Polycentric system: an Ed25519 public key (`PublicKey{key_type: 1, key}`) of 32 bytes.
/// Whether the bytes are a curve point is checked where it matters, once per event, by
/// [EventVerifier] (decoding a point costs tens of microseconds: too much for every read's
/// query parameter; a key that is not a point simply has no events).
///
/// @param key the 32 key bytes
public record SystemKey(ByteString key) {
  /// The only `key_type` Polycentric defines.
  public static final long ED25519 = 1;

  public SystemKey {
    if (key.size() != Ed25519.PUBLIC_KEY_SIZE) throw new WireException("INVALID_SYSTEM", "system key must be 32 bytes, got " + key.size());
  }

  public static SystemKey of(byte[] key) { return new SystemKey(ByteString.copyFrom(key)); }

  /// @throws WireException `INVALID_SYSTEM` unless the key type is Ed25519 and the key 32 bytes
  public static SystemKey fromProto(PublicKey proto) {
    if (proto.getKeyType() != ED25519) throw new WireException("INVALID_SYSTEM", "unknown key_type " + Long.toUnsignedString(proto.getKeyType()));
    return new SystemKey(proto.getKey());
  }

  /// Parses an encoded `PublicKey` message (the `system` query parameter, follow values, …).
  public static SystemKey parse(ByteString encodedPublicKey) {
    try {
      return fromProto(PublicKey.parseFrom(encodedPublicKey));
    } catch (InvalidProtocolBufferException e) {
      throw new WireException("INVALID_SYSTEM", "not a PublicKey message");
    }
  }

  public PublicKey toProto() { return PublicKey.newBuilder().setKeyType(ED25519).setKey(key).build(); }

  /// The encoded `PublicKey` message; the system's identity on the wire and in Kafka keys.
  public ByteString encoded() { return toProto().toByteString(); }

  @Override public String toString() { return "SystemKey[" + Base64Url.encode(key.toByteArray()) + "]"; }
}
