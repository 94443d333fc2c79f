package io.wya.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.SecureRandom;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DeviceKey DEVICE = new DeviceKey(new UserId(random(32)), new DeviceId(random(16)));
  private static final ConvId CONV = new ConvId(random(32));
  private static final MsgId MSG = new MsgId(random(16));

  @Test
  void everyClientFrameSurvivesEncodeThenDecode() throws Exception {
    List<ClientFrame> frames = List.of(
        new ClientFrame.Authenticate(DEVICE, random(64), "test/1"),
        new ClientFrame.Resume(random(32)),
        new Ping(7), new Pong(8),
        new ClientFrame.CreateConversation(CONV, random(100), ""),
        new ClientFrame.Send(CONV, MSG, random(120), random(50), random(60), ""),
        new ClientFrame.Ack(List.of(new ClientFrame.Cursor(CONV, 42))),
        new ClientFrame.GetGroupInfo(CONV),
        new ClientFrame.ResetConversation(CONV, random(10)),
        new ClientFrame.ListConversations(),
        new ClientFrame.UploadKeyPackages(List.of(new ClientFrame.KeyPackageUpload(random(300), true))),
        new ClientFrame.ClaimKeyPackages(DEVICE.user(), List.of(DEVICE.device()), 1),
        new ClientFrame.GetKeyPackageCount());
    long id = 1;
    for (ClientFrame frame : frames) {
      ClientMessage decoded = FrameCodec.decodeClient(FrameCodec.encodeClient(id, frame));
      assertThat(decoded.requestId()).isEqualTo(id);
      assertThat(decoded.frame()).usingRecursiveComparison().isEqualTo(frame);
      id++;
    }
    ClientMessage big = FrameCodec.decodeClient(FrameCodec.encodeClient(0xFFFF_FFFFL, new Ping(1)));
    assertThat(big.requestId()).isEqualTo(0xFFFF_FFFFL);
  }

  @Test
  void everyServerFrameSurvivesEncodeThenDecode() throws Exception {
    List<ServerFrame> frames = List.of(
        new ServerFrame.Challenge(random(32), "gw_local", 123, 25_000, 75_000, new ServerFrame.Limits(1, 2, 3, 4, 5), "abc"),
        new ServerFrame.Ready("s1", random(32), 600_000, true, "gw_local", DEVICE),
        new ServerFrame.Error(ErrorCode.STALE_EPOCH, "x", 5, OptionalLong.of(9), OptionalInt.of(2), "TRUNCATED", OptionalInt.of(3),
            KeyPackageRejection.EXPIRED, random(32)),
        new ServerFrame.Closing(CloseCode.PENALTY, "strikes", 10_000),
        new ServerFrame.Ok(), new Ping(3), new Pong(4),
        new ServerFrame.Deliver(CONV, 5, MSG, EntryKind.WELCOME, 2, random(40), random(30), null, "gw_local", "gw_local", 77),
        new ServerFrame.Deliver(CONV, 6, MSG, EntryKind.RESET, 2, new byte[0], new byte[0], new ConvId(random(32)), "a", "b", 78),
        new ServerFrame.CaughtUp(3),
        new ServerFrame.HistoryGap(CONV, 1, 9),
        new ServerFrame.Sent(CONV, 9, MSG, 3, true, "gw_local", "gw_local"),
        new ServerFrame.ConversationCreated(CONV, 0, "gw_local", "gw_local"),
        new ServerFrame.GroupInfo(CONV, 4, random(50), "gw_local", "gw_local"),
        new ServerFrame.Conversations(List.of(new ServerFrame.ConversationSummary(CONV, 1, 2, 3, "gw_local", null, true))),
        new ServerFrame.KeyPackagesUploaded(List.of(random(32)), 5, true, "gw_local", "gw_local"),
        new ServerFrame.KeyPackagesClaimed(DEVICE.user(), List.of(new ServerFrame.ClaimedKeyPackage(DEVICE.device(), random(10),
            random(32), false)), List.of(new DeviceId(random(16))), "gw_local", "gw_local"),
        new ServerFrame.KeyPackageCount(List.of(new ServerFrame.SuiteCount(1, 4, true)), 10),
        new ServerFrame.KeyPackagesLow(1, 2, 10));
    for (ServerFrame frame : frames) {
      ServerMessage decoded = FrameCodec.decodeServer(FrameCodec.encodeServer(11, frame));
      assertThat(decoded.requestId()).isEqualTo(11);
      assertThat(decoded.frame()).usingRecursiveComparison().isEqualTo(frame);
    }
  }

  @Test
  @DisplayName("FRM-1 bytes that are not a Frame decode to MALFORMED_FRAME")
  void garbageIsMalformed() {
    FrameDecodeException e = catchThrowableOfType(FrameDecodeException.class,
        () -> FrameCodec.decodeClient(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FRAME);
    assertThat(e.requestId()).isZero();
  }

  @Test
  @DisplayName("FRM-2 an empty body, an unknown body and a server-only body decode to UNKNOWN_OPERATION with the request id")
  void unknownOperations() {
    // request_id = 5, nothing else
    assertThat(failure(new byte[] {0x08, 0x05}).code()).isEqualTo(ErrorCode.UNKNOWN_OPERATION);
    assertThat(failure(new byte[] {0x08, 0x05}).requestId()).isEqualTo(5);
    // request_id = 6 and field 99 (a newer operation), length-delimited, empty
    FrameDecodeException unknown = failure(new byte[] {0x08, 0x06, (byte) 0x9a, 0x06, 0x00});
    assertThat(unknown.code()).isEqualTo(ErrorCode.UNKNOWN_OPERATION);
    assertThat(unknown.requestId()).isEqualTo(6);
    FrameDecodeException serverOnly = failure(FrameCodec.encodeServer(7, new ServerFrame.CaughtUp(1)));
    assertThat(serverOnly.code()).isEqualTo(ErrorCode.UNKNOWN_OPERATION);
    assertThat(serverOnly.requestId()).isEqualTo(7);
  }

  @Test
  @DisplayName("FRM-4 identifiers of the wrong size decode to INVALID_ARGUMENT naming the field")
  void fixedSizesAreChecked() {
    // a 5-byte conv_id, built through the generated builder
    byte[] frame = io.wya.gateway.protocol.proto.Frame.newBuilder().setRequestId(3)
        .setGetGroupInfo(io.wya.gateway.protocol.proto.GetGroupInfo.newBuilder()
            .setConvId(com.google.protobuf.ByteString.copyFrom(random(5)))).build().toByteArray();
    FrameDecodeException e = failure(frame);
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.requestId()).isEqualTo(3);
    assertThat(e.getMessage()).contains("conv_id");

    byte[] badMsgId = io.wya.gateway.protocol.proto.Frame.newBuilder().setRequestId(4)
        .setSend(io.wya.gateway.protocol.proto.Send.newBuilder().setConvId(com.google.protobuf.ByteString.copyFrom(random(32)))
            .setMsgId(com.google.protobuf.ByteString.copyFrom(random(15)))).build().toByteArray();
    assertThat(failure(badMsgId).getMessage()).contains("msg_id");

    byte[] badSignature = io.wya.gateway.protocol.proto.Frame.newBuilder().setRequestId(4)
        .setAuthenticate(io.wya.gateway.protocol.proto.Authenticate.newBuilder()
            .setUserId(com.google.protobuf.ByteString.copyFrom(random(32)))
            .setDeviceId(com.google.protobuf.ByteString.copyFrom(random(16)))
            .setSignature(com.google.protobuf.ByteString.copyFrom(random(63)))).build().toByteArray();
    assertThat(failure(badSignature).getMessage()).contains("signature");

    byte[] badUser = io.wya.gateway.protocol.proto.Frame.newBuilder().setRequestId(4)
        .setClaimKeyPackages(io.wya.gateway.protocol.proto.ClaimKeyPackages.newBuilder()
            .setUserId(com.google.protobuf.ByteString.copyFrom(random(31)))).build().toByteArray();
    assertThat(failure(badUser).getMessage()).contains("user_id");
  }

  @Test
  void clientsSkipServerFramesTheyDoNotKnow() throws Exception {
    ServerMessage m = FrameCodec.decodeServer(new byte[] {0x08, 0x01, (byte) 0xfa, 0x0c, 0x00}); // field 207, empty
    assertThat(m.frame()).isInstanceOf(ServerFrame.Unknown.class);
  }

  @Test
  void mlsIdentityIsUserThenDevice() {
    byte[] identity = DEVICE.mlsIdentity();
    assertThat(identity).hasSize(48);
    assertThat(DeviceKey.fromMlsIdentity(identity)).isEqualTo(DEVICE);
  }

  private static FrameDecodeException failure(byte[] bytes) {
    return catchThrowableOfType(FrameDecodeException.class, () -> FrameCodec.decodeClient(bytes));
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
