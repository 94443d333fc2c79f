package io.wya.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wya.gateway.client.GatewayClient;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.MsgId;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.gateway.protocol.ServerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/// A device connected to a test gateway, with the protocol steps the integration tests repeat.
public final class Peer implements AutoCloseable {
  public static final Duration T = TestGateway.TIMEOUT;

  public final MlsDevice device;
  public GatewayClient client;
  public ServerFrame.Ready ready;

  public Peer(MlsDevice device, GatewayClient client, ServerFrame.Ready ready) {
    this.device = device;
    this.client = client;
    this.ready = ready;
  }

  /// Logs `device` in over `transport`.
  public static Peer login(TestGateway gw, MlsDevice device, GatewayClient.Transport transport) throws Exception {
    GatewayClient c = gw.connect(transport);
    ServerFrame.Ready r = c.authenticate(device.key(), device.signer(), T);
    return new Peer(device, c, r);
  }

  public static Peer login(TestGateway gw, MlsDevice device) throws Exception {
    return login(gw, device, GatewayClient.Transport.WEBSOCKET);
  }

  /// Waits for the CaughtUp that ends the backlog after Ready (DLV-3).
  public Peer caughtUp() throws TimeoutException {
    client.next(ServerFrame.CaughtUp.class, T);
    return this;
  }

  public ServerFrame.KeyPackagesUploaded upload(int count) throws Exception {
    List<ClientFrame.KeyPackageUpload> items = new ArrayList<>();
    for (int i = 0; i < count; i++) items.add(new ClientFrame.KeyPackageUpload(device.keyPackage(30), false));
    return client.call(new ClientFrame.UploadKeyPackages(items), ServerFrame.KeyPackagesUploaded.class, T);
  }

  public ServerFrame.KeyPackagesClaimed claim(MlsDevice target) throws Exception {
    return client.call(new ClientFrame.ClaimKeyPackages(target.key().user(), List.of(), 1), ServerFrame.KeyPackagesClaimed.class, T);
  }

  /// Claims one KeyPackage of `target` (it must have one).
  public byte[] claimOne(MlsDevice target) throws Exception {
    ServerFrame.KeyPackagesClaimed claimed = claim(target);
    assertThat(claimed.keyPackages()).hasSize(1);
    return claimed.keyPackages().getFirst().keyPackage();
  }

  public ConvId create(MlsGroup group) throws Exception {
    ConvId conv = new ConvId(group.groupId());
    client.call(new ClientFrame.CreateConversation(conv, group.groupInfo(), ""), ServerFrame.ConversationCreated.class, T);
    return conv;
  }

  public ServerMessage send(ConvId conv, byte[] mls) throws Exception {
    return send(conv, new MsgId(MlsDevice.random(16)), mls, null, null);
  }

  public ServerMessage send(ConvId conv, MsgId msgId, byte[] mls, byte[] welcome, byte[] groupInfo) throws Exception {
    return client.request(new ClientFrame.Send(conv, msgId, mls, welcome == null ? new byte[0] : welcome,
        groupInfo == null ? new byte[0] : groupInfo, ""), T);
  }

  public ServerFrame.Sent sent(ConvId conv, byte[] mls) throws Exception {
    ServerFrame f = send(conv, mls).frame();
    if (f instanceof ServerFrame.Sent s) return s;
    throw new AssertionError("expected Sent, got " + f);
  }

  public ServerFrame.Sent commit(ConvId conv, MlsGroup.Bundle b) throws Exception {
    ServerFrame f = send(conv, new MsgId(MlsDevice.random(16)), b.commit(), b.welcome(), b.groupInfo()).frame();
    if (f instanceof ServerFrame.Sent s) return s;
    throw new AssertionError("expected Sent, got " + f);
  }

  /// The next Deliver of `conv`.
  public ServerFrame.Deliver deliver(ConvId conv) throws TimeoutException {
    return (ServerFrame.Deliver) client.take(m -> m.frame() instanceof ServerFrame.Deliver d && d.convId().equals(conv), T).frame();
  }

  public ServerFrame.Deliver deliver(ConvId conv, EntryKind kind) throws TimeoutException {
    ServerFrame.Deliver d = deliver(conv);
    assertThat(d.kind()).as("kind of seq " + d.seq()).isEqualTo(kind);
    return d;
  }

  public ServerFrame.Error error(ServerMessage m) {
    assertThat(m.frame()).isInstanceOf(ServerFrame.Error.class);
    return (ServerFrame.Error) m.frame();
  }

  public void ack(ConvId conv, long seq) throws Exception {
    client.call(new ClientFrame.Ack(List.of(new ClientFrame.Cursor(conv, seq))), ServerFrame.Ok.class, T);
  }

  public ServerFrame.ConversationSummary summary(ConvId conv) throws Exception {
    return client.call(new ClientFrame.ListConversations(), ServerFrame.Conversations.class, T).conversations().stream()
        .filter(s -> s.convId().equals(conv)).findFirst().orElse(null);
  }

  @Override
  public void close() {
    client.close();
  }
}
