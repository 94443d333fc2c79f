package io.wya.client.chat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wya.client.ClientError;
import io.wya.client.ClientException;
import io.wya.client.store.proto.StoredOutgoing;
import io.wya.client.vault.RecordStore;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.MsgId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// The messages written on this device that the gateway has not confirmed, one sealed record each
/// (`chat/outbox/<created>-<n>`, so that listing order is the order they were written). A record
/// is written before the message's first transmission and rewritten before any transmission under
/// other bytes, so whatever the gateway may have stored is always on disk too; it is deleted when
/// the gateway's `Sent` or the message's echo arrives (decisions/0504).
public final class Outbox {
  static final String FOLDER = "chat/outbox";

  private final RecordStore store;
  private long counter;

  public Outbox(RecordStore store) { this.store = store; }

  /// Records a new message (persisted when this returns).
  synchronized Outgoing add(ConvId conversation, MsgId msgId, byte[] payload, String text, long createdMs) {
    String entry;
    do {
      entry = FOLDER + "/" + String.format("%013d-%06d", createdMs, counter++ % 1_000_000);
    } while (store.read(entry).isPresent());
    Outgoing o = new Outgoing(entry, conversation, msgId, payload, text, createdMs, new byte[0], 0);
    write(o);
    return o;
  }

  /// Replaces an entry (new ciphertext or new `msg_id`); false when it was resolved meanwhile.
  synchronized boolean update(Outgoing o) {
    if (store.read(o.entry()).isEmpty()) return false;
    write(o);
    return true;
  }

  /// Every pending message, oldest first.
  public synchronized List<Outgoing> pending() {
    List<Outgoing> out = new ArrayList<>();
    for (String name : store.list(FOLDER)) read(name).ifPresent(out::add);
    return out;
  }

  public List<Outgoing> pending(ConvId conversation) {
    return pending().stream().filter(o -> o.conversation().equals(conversation)).toList();
  }

  /// The pending message sent under `msgId` in `conversation`, if any.
  synchronized Optional<Outgoing> byMsgId(ConvId conversation, MsgId msgId) {
    return pending().stream().filter(o -> o.conversation().equals(conversation) && o.msgId().equals(msgId)).findFirst();
  }

  /// Whether `o` is still queued.
  synchronized boolean contains(Outgoing o) { return store.exists(o.entry()); }

  /// Removes the entry; true only for the caller that removed it (a `Sent` and an echo may race).
  synchronized boolean remove(Outgoing o) {
    if (!store.exists(o.entry())) return false;
    store.delete(o.entry());
    return true;
  }

  private Optional<Outgoing> read(String name) {
    return store.read(name).map(bytes -> {
      try {
        StoredOutgoing s = StoredOutgoing.parseFrom(bytes);
        return new Outgoing(name, new ConvId(s.getConvId().toByteArray()), new MsgId(s.getMsgId().toByteArray()), s.getPayload().toByteArray(),
            s.getText(), s.getCreatedMs(), s.getMlsMessage().toByteArray(), s.getEpoch());
      } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
        throw new ClientException(ClientError.STATE_CORRUPT, "outbox entry " + name + " does not decode", e);
      }
    });
  }

  private void write(Outgoing o) {
    store.write(o.entry(), StoredOutgoing.newBuilder().setConvId(ByteString.copyFrom(o.conversation().unsafeBytes()))
        .setMsgId(ByteString.copyFrom(o.msgId().bytes())).setPayload(ByteString.copyFrom(o.payload())).setText(o.text())
        .setCreatedMs(o.createdMs()).setMlsMessage(ByteString.copyFrom(o.mlsMessage())).setEpoch(o.epoch()).build().toByteArray());
  }
}
