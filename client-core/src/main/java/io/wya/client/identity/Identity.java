package io.wya.client.identity;

import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.UserId;
import io.wya.polycentric.Base64Url;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.SigningKey;
import io.wya.polycentric.SystemKey;

/// Who this device is: the user's Polycentric system key (its private half signs every event and
/// the gateway login), this installation's Polycentric process, and the gateway device id.
public record Identity(SigningKey key, ProcessId process, DeviceId device) {
  public SystemKey system() { return key.system(); }

  public UserId userId() { return new UserId(key.system().key().toByteArray()); }

  public DeviceKey deviceKey() { return new DeviceKey(userId(), device); }

  /// The user's public id as people exchange it: unpadded base64url of the 32 key bytes.
  public String publicId() { return Base64Url.encode(key.system().key().toByteArray()); }
}
