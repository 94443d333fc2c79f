package io.wya.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.ConversationFlowIT.Pair;
import io.wya.gateway.client.GatewayClient;
import io.wya.gateway.client.GatewayClient.Transport;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.CloseCode;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.FrameCodec;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.Ping;
import io.wya.gateway.protocol.Pong;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.ServerMessage;
import io.wya.gateway.testing.MlsDevice;
import io.wya.gateway.testing.MlsGroup;
import io.wya.gateway.testing.Peer;
import io.wya.gateway.testing.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// Malformed and hostile input: each a clear error code, the session intact where the spec says
/// so, nothing stored (ERR-1).
class BadInputIT {
  private static TestGateway gw;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    gw = TestGateway.start("bad", Map.of("GATEWAY_MAX_FRAME_BYTES", "65536", "GATEWAY_MAX_MLS_MESSAGE_BYTES", "16384",
        "GATEWAY_PENALTY_STRIKES", "0"));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static long head(Pair p) throws Exception {
    return p.alice().summary(p.conv()).headSeq();
  }

  private static void stillWorks(Peer peer) throws Exception {
    assertThat(peer.client.call(new Ping(5), Pong.class, Peer.T).nonce()).isEqualTo(5);
  }

  @Test
  @DisplayName("FRM-1 bytes that are not a Frame are MALFORMED_FRAME with request_id 0; the session stays as it was (before and after auth)")
  void malformedFrames() throws Exception {
    GatewayClient anonymous = gw.connect(Transport.WEBSOCKET);
    anonymous.sendRaw(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01});
    ServerMessage m = anonymous.next(Peer.T);
    assertThat(m.requestId()).isZero();
    assertThat(((ServerFrame.Error) m.frame()).code()).isEqualTo(ErrorCode.MALFORMED_FRAME);
    MlsDevice d = MlsDevice.newUser();
    assertThat(anonymous.authenticate(d.key(), d.signer(), Peer.T).device()).isEqualTo(d.key());
    Peer peer = new Peer(d, anonymous, null).caughtUp();
    peer.client.sendRaw("definitely not protobuf".getBytes());
    assertThat(((ServerFrame.Error) peer.client.next(ServerFrame.Error.class, Peer.T)).code()).isEqualTo(ErrorCode.MALFORMED_FRAME);
    stillWorks(peer);
    peer.close();
  }

  @Test
  @DisplayName("FRM-2 a frame with no body, an unknown body or a server-only body is UNKNOWN_OPERATION with its request_id; the session stays")
  void unknownOperations() throws Exception {
    Peer peer = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    peer.client.sendRaw(new byte[] {0x08, 0x2A});
    ServerMessage empty = peer.client.take(m -> m.requestId() == 42, Peer.T);
    assertThat(((ServerFrame.Error) empty.frame()).code()).isEqualTo(ErrorCode.UNKNOWN_OPERATION);
    // field 98 (a client operation number this schema does not define), length-delimited, empty
    peer.client.sendRaw(new byte[] {0x08, 0x2B, (byte) 0x92, 0x06, 0x00});
    ServerMessage unknown = peer.client.take(m -> m.requestId() == 43, Peer.T);
    assertThat(((ServerFrame.Error) unknown.frame()).code()).isEqualTo(ErrorCode.UNKNOWN_OPERATION);
    byte[] serverOnly = FrameCodec.encodeServer(44, new ServerFrame.CaughtUp(0));
    peer.client.sendRaw(serverOnly);
    ServerMessage server = peer.client.take(m -> m.requestId() == 44, Peer.T);
    assertThat(((ServerFrame.Error) server.frame()).code()).isEqualTo(ErrorCode.UNKNOWN_OPERATION);
    stillWorks(peer);
    peer.close();
  }

  @Test
  @DisplayName("FRM-4 INVALID_ARGUMENT names a field of the wrong size and nothing is stored")
  void wrongSizes() throws Exception {
    Pair p = ConversationFlowIT.pair(gw);
    long before = head(p);
    byte[] good = FrameCodec.encodeClient(9, new ClientFrame.Send(p.conv(), new MsgId(MlsDevice.random(16)),
        p.aliceGroup().protect("x"), new byte[0], new byte[0], ""));
    io.wya.gateway.protocol.proto.Frame f = io.wya.gateway.protocol.proto.Frame.parseFrom(good);
    byte[] badMsgId = f.toBuilder().setSend(f.getSend().toBuilder().setMsgId(com.google.protobuf.ByteString.copyFrom(new byte[5])))
        .build().toByteArray();
    p.alice().client.sendRaw(badMsgId);
    ServerFrame.Error e = (ServerFrame.Error) p.alice().client.take(m -> m.requestId() == 9, Peer.T).frame();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.message()).contains("msg_id");
    assertThat(head(p)).isEqualTo(before);
    p.alice().close();
    p.bob().close();
  }

  @Test
  @DisplayName("MLS-1 MLS-2 MLS-3 ERR-1 non-MLS bytes, a foreign group_id and a wrong wire format are each rejected with their code and nothing stored")
  void badMlsMessages() throws Exception {
    Pair p = ConversationFlowIT.pair(gw);
    long before = head(p);
    ServerFrame.Error junk = p.alice().error(p.alice().send(p.conv(), "hello, not MLS".getBytes()));
    assertThat(junk.code()).isEqualTo(ErrorCode.MLS_MALFORMED);
    assertThat(junk.mlsReason()).isNotEmpty();
    assertThat(junk.mlsOffset()).isPresent();

    MlsGroup other = p.alice().device.createGroup(MlsDevice.random(32));
    assertThat(p.alice().error(p.alice().send(p.conv(), other.protect("elsewhere"))).code()).isEqualTo(ErrorCode.CONV_ID_MISMATCH);

    assertThat(p.alice().error(p.alice().send(p.conv(), p.aliceGroup().groupInfo())).code()).isEqualTo(ErrorCode.WRONG_WIRE_FORMAT);
    assertThat(p.alice().error(p.alice().send(p.conv(), p.alice().device.keyPackage(1))).code()).isEqualTo(ErrorCode.WRONG_WIRE_FORMAT);

    byte[] truncated = Arrays.copyOf(p.aliceGroup().protect("cut"), 20);
    assertThat(p.alice().error(p.alice().send(p.conv(), truncated)).code()).isEqualTo(ErrorCode.MLS_MALFORMED);
    assertThat(head(p)).as("nothing was stored").isEqualTo(before);
    stillWorks(p.alice());
    p.alice().close();
    p.bob().close();
  }

  @Test
  @DisplayName("LIM-2 an mls_message, welcome or group_info over the envelope limit is ENVELOPE_TOO_LARGE, nothing stored, session intact")
  void oversizedEnvelopes() throws Exception {
    Pair p = ConversationFlowIT.pair(gw);
    long before = head(p);
    byte[] big = new byte[16_385];
    assertThat(p.alice().error(p.alice().send(p.conv(), big)).code()).isEqualTo(ErrorCode.ENVELOPE_TOO_LARGE);
    ServerMessage welcome = p.alice().send(p.conv(), new MsgId(MlsDevice.random(16)), p.aliceGroup().protect("x"), big, null);
    assertThat(p.alice().error(welcome).code()).isEqualTo(ErrorCode.ENVELOPE_TOO_LARGE);
    ServerMessage groupInfo = p.alice().send(p.conv(), new MsgId(MlsDevice.random(16)), p.aliceGroup().protect("x"), null, big);
    assertThat(p.alice().error(groupInfo).code()).isEqualTo(ErrorCode.ENVELOPE_TOO_LARGE);
    assertThat(head(p)).isEqualTo(before);
    stillWorks(p.alice());
    p.alice().close();
    p.bob().close();
  }

  @Test
  @DisplayName("TRN-1 CLOSE-1 a WebSocket text message closes the connection with Closing(PROTOCOL_VIOLATION) and 4000")
  void textMessagesClose() throws Exception {
    GatewayClient c = gw.connect(Transport.WEBSOCKET);
    c.sendText("{\"hello\":1}");
    assertThat(c.next(ServerFrame.Closing.class, Peer.T).code()).isEqualTo(CloseCode.PROTOCOL_VIOLATION);
    assertThat(c.awaitClosed(Peer.T).code()).isEqualTo(4000);
  }

  @Test
  @DisplayName("TRN-2 a WebSocket message over GATEWAY_MAX_FRAME_BYTES closes the connection with 1009 and is not processed")
  void oversizedWebSocketMessage() throws Exception {
    Peer peer = Peer.login(gw, MlsDevice.newUser()).caughtUp();
    MlsGroup group = peer.device.createGroup(MlsDevice.random(32));
    ConvId conv = new ConvId(group.groupId());
    byte[] frame = FrameCodec.encodeClient(7, new ClientFrame.CreateConversation(conv, group.groupInfo(), ""));
    byte[] padded = Arrays.copyOf(frame, 70_000);
    peer.client.sendRaw(padded);
    assertThat(peer.client.awaitClosed(Peer.T).code()).isEqualTo(1009);
    Peer again = Peer.login(gw, peer.device).caughtUp();
    assertThat(again.summary(conv)).as("the oversized frame was not processed").isNull();
    again.close();
  }

  @Test
  @DisplayName("TRN-4 SSE POSTs: 202 when handed over, 404 STREAM_UNKNOWN, 413 FRAME_TOO_LARGE, 415 for another content type")
  void ssePostStatuses() throws Exception {
    GatewayClient sse = gw.connect(Transport.SSE);
    assertThat(sse.challenge().streamId()).hasSize(32);
    assertThat(sse.post(FrameCodec.encodeClient(3, new Ping(3)), "application/x-protobuf")).isEqualTo(202);
    assertThat(sse.next(Pong.class, Peer.T).nonce()).isEqualTo(3);
    assertThat(sse.post(FrameCodec.encodeClient(4, new Ping(4)), "application/json")).isEqualTo(415);
    assertThat(sse.post(new byte[70_000], "application/x-protobuf")).isEqualTo(413);
    HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(gw.base() + "/v1/sse/00112233445566778899aabbccddeeff"))
        .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x08, 0x01})).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("STREAM_UNKNOWN");
    sse.close();
  }

  @Test
  @DisplayName("TRN-3 GET /v1/sse streams base64 frame events with no-store, no-transform and X-Accel-Buffering: no; the first is the Challenge")
  void sseStreamHeaders() throws Exception {
    HttpResponse<java.io.InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(gw.base() + "/v1/sse")).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store, no-transform");
    assertThat(r.headers().firstValue("X-Accel-Buffering")).hasValue("no");
    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(r.body()));
    assertThat(in.readLine()).isEqualTo("event: frame");
    String data = in.readLine();
    assertThat(data).startsWith("data: ");
    assertThat(in.readLine()).isEmpty();
    ServerFrame first = FrameCodec.decodeServer(java.util.Base64.getDecoder().decode(data.substring(6))).frame();
    assertThat(first).isInstanceOf(ServerFrame.Challenge.class);
    r.body().close();
  }

  @Test
  @DisplayName("HTTP-1 every HTTP response is no-store: 404s, health, metrics, refused upgrades, SSE POST answers")
  void everyResponseIsNoStore() throws Exception {
    for (String path : List.of("/", "/nope", "/health/live", "/health/ready", "/metrics", "/v1/ws")) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gw.base() + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.headers().firstValue("Cache-Control")).as(path + " " + r.statusCode()).hasValue("no-store");
    }
    HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(gw.base() + "/v1/sse/unknown"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(415);
    assertThat(post.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  @DisplayName("HTTP-3 a request asking to upgrade to HTTP/2 cleartext (h2c) is answered as HTTP/1.1, never 101")
  void h2cUpgradesAreNotAccepted() throws Exception {
    try (java.net.Socket socket = new java.net.Socket(gw.base().getHost(), gw.base().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
          + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
      assertThat(statusLine).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  @Test
  @DisplayName("AUTH-1 AUTH-7 before Ready only auth and heartbeats work; after it a second Authenticate is ALREADY_AUTHENTICATED")
  void authenticationGates() throws Exception {
    GatewayClient c = gw.connect(Transport.WEBSOCKET);
    ServerMessage early = c.request(new ClientFrame.ListConversations(), Peer.T);
    assertThat(((ServerFrame.Error) early.frame()).code()).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
    assertThat(c.call(new Ping(1), Pong.class, Peer.T).nonce()).isEqualTo(1);
    MlsDevice d = MlsDevice.newUser();
    c.authenticate(d.key(), d.signer(), Peer.T);
    ServerMessage again = c.request(new ClientFrame.Authenticate(d.key(), new byte[64], ""), Peer.T);
    assertThat(((ServerFrame.Error) again.frame()).code()).isEqualTo(ErrorCode.ALREADY_AUTHENTICATED);
    assertThat(c.call(new ClientFrame.ListConversations(), ServerFrame.Conversations.class, Peer.T).conversations()).isEmpty();
    c.close();
  }

  @Test
  @DisplayName("AUTH-2 a signature that does not verify (or over another nonce) is AUTH_FAILED and closes with 4001")
  void badSignatureCloses() throws Exception {
    MlsDevice d = MlsDevice.newUser();
    GatewayClient first = gw.connect(Transport.WEBSOCKET);
    byte[] otherNonce = io.wya.gateway.protocol.AuthMessage.of("gw_test", MlsDevice.random(32), d.key());
    ServerMessage r = first.request(new ClientFrame.Authenticate(d.key(), d.signer().sign(otherNonce), ""), Peer.T);
    assertThat(((ServerFrame.Error) r.frame()).code()).isEqualTo(ErrorCode.AUTH_FAILED);
    assertThat(first.next(ServerFrame.Closing.class, Peer.T).code()).isEqualTo(CloseCode.AUTH_FAILED);
    assertThat(first.awaitClosed(Peer.T).code()).isEqualTo(4001);
    GatewayClient second = gw.connect(Transport.WEBSOCKET);
    MlsDevice impostor = MlsDevice.newUser();
    byte[] message = io.wya.gateway.protocol.AuthMessage.of("gw_test", second.challenge().nonce(), d.key());
    ServerMessage forged = second.request(new ClientFrame.Authenticate(d.key(), impostor.signer().sign(message), ""), Peer.T);
    assertThat(((ServerFrame.Error) forged.frame()).code()).isEqualTo(ErrorCode.AUTH_FAILED);
    assertThat(second.awaitClosed(Peer.T).code()).isEqualTo(4001);
  }

  @Test
  @DisplayName("FRM-3 a request with request_id 0 gets no success reply, but its error is sent with request_id 0")
  void fireAndForget() throws Exception {
    Pair p = ConversationFlowIT.pair(gw);
    p.bob().client.send(0, new ClientFrame.Ack(List.of(new ClientFrame.Cursor(p.conv(), 1))));
    p.bob().client.send(0, new ClientFrame.Ack(List.of(new ClientFrame.Cursor(p.conv(), 99))));
    ServerMessage error = p.bob().client.take(m -> m.frame() instanceof ServerFrame.Error, Peer.T);
    assertThat(error.requestId()).isZero();
    assertThat(((ServerFrame.Error) error.frame()).code()).isEqualTo(ErrorCode.ACK_BEYOND_HEAD);
    stillWorks(p.bob());
    assertThat(p.bob().client.pending()).noneMatch(m -> m.frame() instanceof ServerFrame.Ok);
    p.alice().close();
    p.bob().close();
  }

  @Test
  @DisplayName("GW-1 a Send or CreateConversation with a destination_gateway other than this gateway is FEDERATION_UNSUPPORTED, nothing stored")
  void foreignDestinationIsRefused() throws Exception {
    Pair p = ConversationFlowIT.pair(gw);
    long before = head(p);
    ServerMessage send = p.alice().client.request(new ClientFrame.Send(p.conv(), new MsgId(MlsDevice.random(16)),
        p.aliceGroup().protect("to elsewhere"), new byte[0], new byte[0], "gw_elsewhere"), Peer.T);
    assertThat(p.alice().error(send).code()).isEqualTo(ErrorCode.FEDERATION_UNSUPPORTED);
    MlsGroup group = p.alice().device.createGroup(MlsDevice.random(32));
    ConvId conv = new ConvId(group.groupId());
    ServerMessage create = p.alice().client.request(new ClientFrame.CreateConversation(conv, group.groupInfo(), "gw_elsewhere"), Peer.T);
    assertThat(p.alice().error(create).code()).isEqualTo(ErrorCode.FEDERATION_UNSUPPORTED);
    assertThat(p.alice().summary(conv)).isNull();
    assertThat(head(p)).isEqualTo(before);
    ServerFrame.Sent own = (ServerFrame.Sent) p.alice().send(p.conv(), new MsgId(MlsDevice.random(16)), p.aliceGroup().protect("home"),
        null, null).frame();
    assertThat(own.convHome()).isEqualTo("gw_test");
    p.alice().close();
    p.bob().close();
  }
}
