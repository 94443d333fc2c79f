package io.wya.client.identity;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.store.proto.StoredIdentity;
import io.wya.client.vault.RecordStore;
import io.wya.gateway.protocol.DeviceId;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.SigningKey;
import java.security.SecureRandom;
import java.time.Clock;

/// Creates and loads the device identity (record `identity`).
public final class IdentityStore {
  static final String RECORD = "identity";

  private final RecordStore store;

  public IdentityStore(RecordStore store) { this.store = store; }

  public boolean exists() { return store.read(RECORD).isPresent(); }

  public Identity create(SecureRandom random, Clock clock) {
    if (exists()) throw new ClientException(ClientError.ALREADY_INITIALIZED, "this home already has an identity");
    SigningKey key = SigningKey.generate(random);
    ProcessId process = ProcessId.random(random);
    byte[] device = new byte[DeviceId.MIN_LENGTH];
    random.nextBytes(device);
    Identity identity = new Identity(key, process, new DeviceId(device));
    store.write(RECORD, StoredIdentity.newBuilder().setSystemSeed(ByteString.copyFrom(key.seed())).setProcess(process.id())
        .setDeviceId(ByteString.copyFrom(device)).setCreatedMs(clock.millis()).build().toByteArray());
    return identity;
  }

  public Identity load() {
    byte[] bytes = store.read(RECORD).orElseThrow(() -> new ClientException(ClientError.NOT_INITIALIZED, "no identity (run `wya init`)"));
    try {
      StoredIdentity stored = StoredIdentity.parseFrom(bytes);
      return new Identity(SigningKey.fromSeed(stored.getSystemSeed().toByteArray()), new ProcessId(stored.getProcess()),
          new DeviceId(stored.getDeviceId().toByteArray()));
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new ClientException(ClientError.STATE_CORRUPT, "the identity record does not decode: " + e.getMessage(), e);
    }
  }
}
