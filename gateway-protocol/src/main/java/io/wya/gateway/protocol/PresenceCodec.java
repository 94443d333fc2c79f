package io.wya.gateway.protocol;

import com.google.protobuf.ByteString;
import io.wya.gateway.protocol.proto.Frame;
import java.util.ArrayList;
import java.util.List;

/// The presence frames of GATEWAY_SPEC §16 (numbers 200–249), kept apart from [FrameCodec] so
/// that each stays small. Size checks throw IllegalArgumentException, which [FrameCodec] turns
/// into INVALID_ARGUMENT (FRM-4).
final class PresenceCodec {
  private PresenceCodec() {}

  static ClientFrame.SetPresence decodeSetPresence(io.wya.gateway.protocol.proto.SetPresence p) {
    PresenceStatus status = PresenceStatus.of(p.getStatusValue());
    if (status == null) throw new IllegalArgumentException("status must be ONLINE, AWAY, BUSY, INVISIBLE or OFFLINE");
    return new ClientFrame.SetPresence(status, p.getActivity());
  }

  static ClientFrame.WatchPresence decodeWatchPresence(io.wya.gateway.protocol.proto.WatchPresence w) {
    return new ClientFrame.WatchPresence(users(w.getAddList()), users(w.getRemoveList()));
  }

  static void encodeClient(Frame.Builder b, ClientFrame.SetPresence s) {
    b.setSetPresence(io.wya.gateway.protocol.proto.SetPresence.newBuilder().setStatusValue(s.status().code())
        .setActivity(s.activity()));
  }

  static void encodeClient(Frame.Builder b, ClientFrame.WatchPresence w) {
    var watch = io.wya.gateway.protocol.proto.WatchPresence.newBuilder();
    for (UserId u : w.add()) watch.addAdd(ByteString.copyFrom(u.unsafeBytes()));
    for (UserId u : w.remove()) watch.addRemove(ByteString.copyFrom(u.unsafeBytes()));
    b.setWatchPresence(watch);
  }

  static void encodeServer(Frame.Builder b, ServerFrame.PresenceLease l) {
    b.setPresenceLease(io.wya.gateway.protocol.proto.PresenceLease.newBuilder().setStatusValue(l.status().code())
        .setActivity(l.activity()).setTtlMs(l.ttlMs()));
  }

  static void encodeServer(Frame.Builder b, ServerFrame.PresenceSnapshot s) {
    var snapshot = io.wya.gateway.protocol.proto.PresenceSnapshot.newBuilder().setWatching(s.watching())
        .setMaxWatchlist(s.maxWatchlist());
    for (ServerFrame.PresenceState state : s.states()) snapshot.addStates(state(state));
    b.setPresenceSnapshot(snapshot);
  }

  static void encodeServer(Frame.Builder b, ServerFrame.PresenceChanged c) {
    b.setPresenceChanged(io.wya.gateway.protocol.proto.PresenceChanged.newBuilder().setState(state(c.state())));
  }

  static void encodeServer(Frame.Builder b, ServerFrame.PresenceWatchEnded e) {
    b.setPresenceWatchEnded(io.wya.gateway.protocol.proto.PresenceWatchEnded.newBuilder()
        .setUserId(ByteString.copyFrom(e.user().unsafeBytes())));
  }

  static ServerFrame.PresenceLease decodeLease(io.wya.gateway.protocol.proto.PresenceLease l) {
    PresenceStatus status = PresenceStatus.of(l.getStatusValue());
    if (status == null) throw new IllegalArgumentException("unknown presence status " + l.getStatusValue());
    return new ServerFrame.PresenceLease(status, l.getActivity(), l.getTtlMs());
  }

  static ServerFrame.PresenceSnapshot decodeSnapshot(io.wya.gateway.protocol.proto.PresenceSnapshot s) {
    List<ServerFrame.PresenceState> states = new ArrayList<>(s.getStatesCount());
    for (var state : s.getStatesList()) states.add(state(state));
    return new ServerFrame.PresenceSnapshot(states, s.getWatching(), s.getMaxWatchlist());
  }

  static ServerFrame.PresenceChanged decodeChanged(io.wya.gateway.protocol.proto.PresenceChanged c) {
    return new ServerFrame.PresenceChanged(state(c.getState()));
  }

  static ServerFrame.PresenceWatchEnded decodeWatchEnded(io.wya.gateway.protocol.proto.PresenceWatchEnded e) {
    return new ServerFrame.PresenceWatchEnded(new UserId(e.getUserId().toByteArray()));
  }

  private static io.wya.gateway.protocol.proto.PresenceState state(ServerFrame.PresenceState s) {
    var state = io.wya.gateway.protocol.proto.PresenceState.newBuilder().setUserId(ByteString.copyFrom(s.user().unsafeBytes()))
        .setStatusValue(s.status().code()).setActivity(s.activity());
    if (s.lastSeen() != null) state.setLastSeenValue(s.lastSeen().code());
    return state.build();
  }

  private static ServerFrame.PresenceState state(io.wya.gateway.protocol.proto.PresenceState s) {
    PresenceStatus status = PresenceStatus.of(s.getStatusValue());
    if (status == null) throw new IllegalArgumentException("unknown presence status " + s.getStatusValue());
    return new ServerFrame.PresenceState(new UserId(s.getUserId().toByteArray()), status, s.getActivity(),
        LastSeen.of(s.getLastSeenValue()));
  }

  private static List<UserId> users(List<ByteString> ids) {
    List<UserId> users = new ArrayList<>(ids.size());
    for (ByteString id : ids) users.add(new UserId(id.toByteArray()));
    return users;
  }
}
