package io.wya.gateway.mailbox;

import io.wya.gateway.protocol.DeviceKey;
import java.util.List;

/// An entry just accepted, with the membership changes of its Commit, as the fan-out carries it
/// to every instance (MULTI-1): `added` devices start reading at this `seq` (their Welcome),
/// `removed` devices read this `seq` and nothing after it (MBR-3, MBR-4).
public record EntryEvent(Entry entry, List<DeviceKey> added, List<DeviceKey> removed) {
  public EntryEvent {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  public static EntryEvent of(Entry entry) {
    return new EntryEvent(entry, List.of(), List.of());
  }
}
