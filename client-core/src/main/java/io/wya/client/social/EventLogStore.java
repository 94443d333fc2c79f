package io.wya.client.social;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.store.proto.StoredEventLog;
import io.wya.client.store.proto.StoredRange;
import io.wya.client.vault.RecordStore;
import io.wya.polycentric.EventVerifier;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.SystemKey;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.WireException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/// Persists [EventLog]s, one sealed record per system (`social/log/<hex key>`). Events are
/// verified again when read: the record is authenticated, but a verified type is only ever made
/// by [EventVerifier].
public final class EventLogStore {
  private static final String FOLDER = "social/log";

  private final RecordStore store;

  public EventLogStore(RecordStore store) { this.store = store; }

  public EventLog load(SystemKey system) {
    EventLog log = new EventLog(system);
    Optional<byte[]> bytes = store.read(name(system));
    if (bytes.isEmpty()) return log;
    try {
      StoredEventLog stored = StoredEventLog.parseFrom(bytes.get());
      for (ByteString signed : stored.getSignedEventsList()) log.add(EventVerifier.verify(signed));
      Ranges absent = Ranges.empty();
      for (StoredRange r : stored.getAbsentList()) absent.add(new ProcessId(r.getProcess()), r.getLow(), r.getHigh());
      log.markAbsent(absent);
      log.saved();
      return log;
    } catch (InvalidProtocolBufferException | WireException e) {
      throw new ClientException(ClientError.STATE_CORRUPT, "the event log of " + system + " does not decode", e);
    }
  }

  public void save(EventLog log) {
    if (!log.changed()) return;
    StoredEventLog.Builder stored = StoredEventLog.newBuilder();
    for (VerifiedEvent e : log.all()) stored.addSignedEvents(e.signedEventBytes());
    log.absent().runs().forEach((process, runs) -> runs.forEach(r ->
        stored.addAbsent(StoredRange.newBuilder().setProcess(process.id()).setLow(r[0]).setHigh(r[1]))));
    store.write(name(log.system()), stored.build().toByteArray());
    log.saved();
  }

  /// The systems with a stored log.
  public List<SystemKey> systems() {
    return store.list(FOLDER).stream().map(n -> SystemKey.of(HexFormat.of().parseHex(n.substring(FOLDER.length() + 1)))).toList();
  }

  private static String name(SystemKey system) { return FOLDER + "/" + HexFormat.of().formatHex(system.key().toByteArray()); }
}
