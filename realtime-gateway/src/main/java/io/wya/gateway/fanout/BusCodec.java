package io.wya.gateway.fanout;

import io.wya.gateway.mailbox.Entry;
import io.wya.gateway.mailbox.EntryEvent;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.MsgId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/// The binary form of a [BusMessage]: a version byte, a type byte, then the fields in order
/// (`DataOutput` encoding; byte arrays as a length, −1 for null). Only gateway instances of one
/// deployment read it, and they run the same code: no schema evolution is needed within a
/// version; a new layout gets a new version byte.
public final class BusCodec {
  private static final int VERSION = 1;
  private static final int ENTRY = 1;
  private static final int CLAIM = 2;
  private static final int PUSH = 3;
  private static final int STREAM = 4;

  private BusCodec() {}

  public static byte[] encode(BusMessage message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      switch (message) {
        case BusMessage.EntryAccepted m -> {
          out.writeByte(ENTRY);
          out.writeUTF(m.origin());
          Entry e = m.event().entry();
          bytes(out, e.conv().unsafeBytes());
          out.writeLong(e.seq());
          bytes(out, e.msgId().unsafeBytes());
          out.writeByte(e.kind().code());
          out.writeLong(e.epoch());
          bytes(out, e.mlsMessage());
          bytes(out, e.welcome());
          bytes(out, e.groupInfo());
          bytes(out, e.successor() == null ? null : e.successor().unsafeBytes());
          out.writeUTF(e.convHome());
          out.writeUTF(e.originGateway());
          out.writeLong(e.acceptedAtMs());
          bytes(out, e.sender().mlsIdentity());
          devices(out, m.event().added());
          devices(out, m.event().removed());
        }
        case BusMessage.SessionClaimed m -> {
          out.writeByte(CLAIM);
          out.writeUTF(m.origin());
          bytes(out, m.device().mlsIdentity());
          out.writeLong(m.authTimeMs());
          out.writeUTF(m.sessionId());
        }
        case BusMessage.DevicePush m -> {
          out.writeByte(PUSH);
          out.writeUTF(m.origin());
          bytes(out, m.device().mlsIdentity());
          bytes(out, m.frame());
        }
        case BusMessage.StreamFrame m -> {
          out.writeByte(STREAM);
          out.writeUTF(m.origin());
          out.writeUTF(m.streamId());
          bytes(out, m.frame());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /// Decodes a message; null for another version (a rolling upgrade) or garbage.
  public static BusMessage decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (in.readByte() != VERSION) return null;
      int type = in.readByte();
      String origin = in.readUTF();
      return switch (type) {
        case ENTRY -> {
          ConvId conv = new ConvId(bytes(in));
          long seq = in.readLong();
          MsgId msgId = new MsgId(bytes(in));
          EntryKind kind = EntryKind.of(in.readByte());
          long epoch = in.readLong();
          byte[] mls = bytes(in);
          byte[] welcome = bytes(in);
          byte[] groupInfo = bytes(in);
          byte[] successor = bytes(in);
          String convHome = in.readUTF();
          String originGateway = in.readUTF();
          long acceptedAt = in.readLong();
          DeviceKey sender = DeviceKey.fromMlsIdentity(bytes(in));
          List<DeviceKey> added = devices(in);
          List<DeviceKey> removed = devices(in);
          Entry e = new Entry(conv, seq, msgId, kind, epoch, mls, welcome, groupInfo, successor == null ? null : new ConvId(successor),
              convHome, originGateway, acceptedAt, sender);
          yield new BusMessage.EntryAccepted(origin, new EntryEvent(e, added, removed));
        }
        case CLAIM -> new BusMessage.SessionClaimed(origin, DeviceKey.fromMlsIdentity(bytes(in)), in.readLong(), in.readUTF());
        case PUSH -> new BusMessage.DevicePush(origin, DeviceKey.fromMlsIdentity(bytes(in)), bytes(in));
        case STREAM -> new BusMessage.StreamFrame(origin, in.readUTF(), bytes(in));
        default -> null;
      };
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void bytes(DataOutputStream out, byte[] b) throws IOException {
    if (b == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) return null;
    if (n > in.available()) throw new IOException("truncated");
    return in.readNBytes(n);
  }

  private static void devices(DataOutputStream out, List<DeviceKey> devices) throws IOException {
    out.writeInt(devices.size());
    for (DeviceKey d : devices) out.write(d.mlsIdentity());
  }

  private static List<DeviceKey> devices(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n * 48L > in.available()) throw new IOException("truncated");
    List<DeviceKey> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(DeviceKey.fromMlsIdentity(in.readNBytes(48)));
    return out;
  }
}
