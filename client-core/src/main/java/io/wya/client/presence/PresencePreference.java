package io.wya.client.presence;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.store.proto.StoredPresence;
import io.wya.client.vault.RecordStore;
import io.wya.gateway.protocol.PresenceStatus;

/// The presence this device announces while a session runs (record `presence/status`; default
/// ONLINE): `wya presence set` saves it, `listen`, `tui` and `presence watch` announce it.
public final class PresencePreference {
  static final String RECORD = "presence/status";

  public record Saved(PresenceStatus status, String activity) {}

  private final RecordStore store;

  public PresencePreference(RecordStore store) { this.store = store; }

  public Saved load() {
    return store.read(RECORD).map(bytes -> {
      try {
        StoredPresence p = StoredPresence.parseFrom(bytes);
        PresenceStatus status = PresenceStatus.of(p.getStatus());
        return new Saved(status == null ? PresenceStatus.ONLINE : status, p.getActivity());
      } catch (InvalidProtocolBufferException e) {
        throw new ClientException(ClientError.STATE_CORRUPT, "the presence record does not decode", e);
      }
    }).orElse(new Saved(PresenceStatus.ONLINE, ""));
  }

  public void save(PresenceStatus status, String activity) {
    store.write(RECORD, StoredPresence.newBuilder().setStatus(status.code()).setActivity(activity).build().toByteArray());
  }
}
