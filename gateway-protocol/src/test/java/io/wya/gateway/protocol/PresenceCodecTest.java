package io.wya.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wya.gateway.protocol.proto.Frame;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresenceCodecTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final UserId ALICE = new UserId(random(32));
  private static final UserId BOB = new UserId(random(32));

  @Test
  void presenceClientFramesSurviveEncodeThenDecode() throws Exception {
    List<ClientFrame> frames = List.of(
        new ClientFrame.SetPresence(PresenceStatus.AWAY, "reading"),
        new ClientFrame.SetPresence(PresenceStatus.INVISIBLE, ""),
        new ClientFrame.SetPresence(PresenceStatus.OFFLINE, ""),
        new ClientFrame.WatchPresence(List.of(ALICE, BOB), List.of(BOB)),
        new ClientFrame.WatchPresence(List.of(), List.of()));
    for (ClientFrame frame : frames) {
      ClientMessage decoded = FrameCodec.decodeClient(FrameCodec.encodeClient(5, frame));
      assertThat(decoded.requestId()).isEqualTo(5);
      assertThat(decoded.frame()).usingRecursiveComparison().isEqualTo(frame);
    }
  }

  @Test
  void presenceServerFramesSurviveEncodeThenDecode() throws Exception {
    List<ServerFrame> frames = List.of(
        new ServerFrame.PresenceLease(PresenceStatus.BUSY, "in a call", 90_000),
        new ServerFrame.PresenceSnapshot(List.of(
            new ServerFrame.PresenceState(ALICE, PresenceStatus.ONLINE, "coding", null),
            new ServerFrame.PresenceState(BOB, PresenceStatus.OFFLINE, "", LastSeen.THIS_WEEK)), 2, 256),
        new ServerFrame.PresenceChanged(new ServerFrame.PresenceState(BOB, PresenceStatus.OFFLINE, "", LastSeen.JUST_NOW)),
        new ServerFrame.PresenceWatchEnded(ALICE));
    for (ServerFrame frame : frames) {
      ServerMessage decoded = FrameCodec.decodeServer(FrameCodec.encodeServer(0, frame));
      assertThat(decoded.frame()).usingRecursiveComparison().isEqualTo(frame);
    }
  }

  @Test
  void setPresenceWithoutAStatusIsAnInvalidArgument() {
    byte[] bytes = Frame.newBuilder().setRequestId(3)
        .setSetPresence(io.wya.gateway.protocol.proto.SetPresence.newBuilder().setActivity("x")).build().toByteArray();
    FrameDecodeException e = catchThrowableOfType(FrameDecodeException.class, () -> FrameCodec.decodeClient(bytes));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.requestId()).isEqualTo(3);
  }

  @Test
  void watchedUserIdsAreSizeChecked() {
    byte[] bytes = Frame.newBuilder().setRequestId(4).setWatchPresence(io.wya.gateway.protocol.proto.WatchPresence.newBuilder()
        .addAdd(com.google.protobuf.ByteString.copyFrom(random(31)))).build().toByteArray();
    FrameDecodeException e = catchThrowableOfType(FrameDecodeException.class, () -> FrameCodec.decodeClient(bytes));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).contains("user_id");
  }

  @Test
  void aPresencePushSentByAClientIsAnUnknownOperation() {
    byte[] bytes = FrameCodec.encodeServer(6, new ServerFrame.PresenceWatchEnded(ALICE));
    FrameDecodeException e = catchThrowableOfType(FrameDecodeException.class, () -> FrameCodec.decodeClient(bytes));
    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_OPERATION);
  }

  @Test
  void presenceEnumsMatchTheProtobufEnums() {
    for (PresenceStatus s : PresenceStatus.values()) {
      assertThat(io.wya.gateway.protocol.proto.PresenceStatus.forNumber(s.code()).name()).isEqualTo(s.name());
    }
    for (LastSeen s : LastSeen.values()) {
      assertThat(io.wya.gateway.protocol.proto.LastSeen.forNumber(s.code()).name()).isEqualTo(s.name());
    }
    assertThat(io.wya.gateway.protocol.proto.PresenceStatus.values()).hasSize(PresenceStatus.values().length + 2);
    assertThat(io.wya.gateway.protocol.proto.LastSeen.values()).hasSize(LastSeen.values().length + 2);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
