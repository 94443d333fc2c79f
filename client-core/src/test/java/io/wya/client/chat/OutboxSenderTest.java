package io.wya.client.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wya.client.ClientException;
import io.wya.client.chat.proto.ChatPayload;
import io.wya.client.chat.proto.Text;
import io.wya.client.gateway.Backoff;
import io.wya.client.gateway.FakeGateway;
import io.wya.client.gateway.GatewayConnection;
import io.wya.client.gateway.GatewayListener;
import io.wya.client.identity.Identity;
import io.wya.client.vault.KdfParams;
import io.wya.client.vault.KeySource;
import io.wya.client.vault.RecordStore;
import io.wya.client.vault.Vault;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.ClientMessage;
import io.wya.gateway.protocol.ConvId;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.EntryKind;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.polycentric.ProcessId;
import io.wya.polycentric.SigningKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The outbox against a scripted gateway: what is resent, under which `msg_id`, and when a
/// message counts as sent (decisions/0504). Messages are encrypted before the test starts the
/// sender, so no MLS group is needed.
class OutboxSenderTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ConvId CONV = new ConvId(new byte[32]);
  private static final byte[] CIPHERTEXT = {1, 2, 3, 4};

  @TempDir Path dir;

  private final Identity identity = new Identity(SigningKey.generate(RANDOM), ProcessId.random(RANDOM), new DeviceId(new byte[16]));
  private final FakeGateway gateway = new FakeGateway();
  private final List<ChatEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
  private GatewayConnection connection;
  private ChatStore store;
  private Outbox outbox;
  private OutboxSender sender;

  @BeforeEach void open() {
    Vault vault = Vault.create(dir, new KeySource.GeneratedKeyFile(), KdfParams.DEFAULT, RANDOM);
    RecordStore records = new RecordStore(dir.resolve("store"), vault.box("store"));
    store = new ChatStore(records);
    store.put(new Conversation(CONV, "tea", false, Optional.empty(), 0, 0, Conversation.Status.ACTIVE));
    outbox = new Outbox(records);
    connection = new GatewayConnection(gateway, identity, new Backoff(new Random(1), Duration.ofMillis(1), Duration.ofMillis(2)),
        Clock.systemUTC(), new GatewayListener() { }, "test/1", Duration.ofSeconds(10));
    sender = new OutboxSender(outbox, store, null, new GatewayCalls(connection), identity.system(), Clock.systemUTC(), RANDOM, events::add,
        (c, epoch) -> { });
  }

  @AfterEach void close() {
    sender.close();
    connection.close();
    sender.join(Duration.ofSeconds(2));
  }

  @Test @DisplayName("SEQ-2 from the client: a Send cut before its reply is repeated with the same msg_id and bytes; the line is kept once")
  void aSendCutBeforeItsReplyIsRepeatedUnderTheSameMsgId() throws Exception {
    CompletableFuture<Optional<ChatLine>> done = queueEncrypted("hello");
    start();
    FakeGateway.Conn first = liveConnection();
    ClientFrame.Send sent = send(first.take());
    first.serverClose(io.wya.client.gateway.Transport.CUT, "cut after the gateway stored it");

    FakeGateway.Conn second = liveConnection();
    ClientMessage again = second.take();
    ClientFrame.Send repeat = send(again);
    assertThat(repeat.msgId()).isEqualTo(sent.msgId());
    assertThat(repeat.mlsMessage()).isEqualTo(CIPHERTEXT);
    second.push(again.requestId(), new ServerFrame.Sent(CONV, 7, repeat.msgId(), 3, true, "gw_test", "gw_test"));

    assertThat(done.get(5, TimeUnit.SECONDS)).hasValueSatisfying(l -> assertThat(l.seq()).isEqualTo(7));
    assertThat(store.history(CONV)).extracting(ChatLine::text).containsExactly("hello");
    assertThat(outbox.pending()).isEmpty();
  }

  @Test void aMessageWhoseLineCannotBeKeptStaysQueuedAndIsRepeated() throws Exception {
    CompletableFuture<Optional<ChatLine>> done = queueEncrypted("hello");
    Path history = dir.resolve("store/chat/history/" + CONV.hex());
    java.nio.file.Files.createDirectories(history.getParent());
    java.nio.file.Files.writeString(history, "a file where the conversation's history folder goes: no page can be written");
    start();
    FakeGateway.Conn c = liveConnection();
    ClientMessage first = c.take();
    c.push(first.requestId(), new ServerFrame.Sent(CONV, 7, send(first).msgId(), 3, false, "gw_test", "gw_test"));

    ClientMessage repeat = c.take();
    assertThat(send(repeat).msgId()).isEqualTo(send(first).msgId());
    assertThat(outbox.pending()).extracting(Outgoing::text).containsExactly("hello");
    java.nio.file.Files.delete(history);
    c.push(repeat.requestId(), new ServerFrame.Sent(CONV, 7, send(repeat).msgId(), 3, true, "gw_test", "gw_test"));

    assertThat(done.get(5, TimeUnit.SECONDS)).hasValueSatisfying(l -> assertThat(l.seq()).isEqualTo(7));
    assertThat(store.history(CONV)).extracting(ChatLine::text).containsExactly("hello");
    assertThat(outbox.pending()).isEmpty();
  }

  @Test void theEchoConfirmsAMessageWhoseReplyNeverCame() throws Exception {
    CompletableFuture<Optional<ChatLine>> done = queueEncrypted("hello");
    start();
    FakeGateway.Conn c = liveConnection();
    ClientMessage m = c.take();
    ClientFrame.Send s = send(m);
    sender.echoed(new ServerFrame.Deliver(CONV, 4, s.msgId(), EntryKind.APPLICATION, 3, CIPHERTEXT, new byte[0], null, "gw_test", "gw_test", 99));
    assertThat(done.get(5, TimeUnit.SECONDS)).hasValueSatisfying(l -> assertThat(l.seq()).isEqualTo(4));
    c.push(m.requestId(), new ServerFrame.Sent(CONV, 4, s.msgId(), 3, false, "gw_test", "gw_test"));

    assertThat(store.history(CONV)).extracting(ChatLine::seq).containsExactly(4L);
    assertThat(outbox.pending()).isEmpty();
  }

  @Test void messagesGoOutInTheOrderTheyWereWrittenAndOnlyAfterCaughtUp() throws Exception {
    queueEncrypted("one");
    queueEncrypted("two");
    start();
    FakeGateway.Conn c = gateway.next();
    c.ready(identity);
    assertThat(c.poll(Duration.ofMillis(300))).as("nothing is sent before CaughtUp").isNull();
    c.push(0, new ServerFrame.CaughtUp(1));
    List<String> order = new ArrayList<>();
    for (int seq = 1; seq <= 2; seq++) {
      ClientMessage m = c.take();
      ClientFrame.Send s = send(m);
      order.add(outbox.byMsgId(CONV, s.msgId()).orElseThrow().text());
      c.push(m.requestId(), new ServerFrame.Sent(CONV, seq, s.msgId(), 3, false, "gw_test", "gw_test"));
    }
    assertThat(order).containsExactly("one", "two");
  }

  @Test void aRefusalForGoodEndsTheMessageWithASystemLine() throws Exception {
    CompletableFuture<Optional<ChatLine>> done = queueEncrypted("hello");
    start();
    FakeGateway.Conn c = liveConnection();
    ClientMessage m = c.take();
    c.push(m.requestId(), ServerFrame.Error.of(ErrorCode.NOT_A_MEMBER, "removed"));

    assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause().isInstanceOf(ClientException.class)
        .hasMessageContaining("NOT_A_MEMBER");
    assertThat(outbox.pending()).isEmpty();
    assertThat(store.history(CONV)).singleElement().satisfies(l -> {
      assertThat(l.system()).isTrue();
      assertThat(l.text()).contains("not sent").contains("hello");
    });
  }

  @Test void aMessageOfABrokenConversationWaitsWhileOthersGoOut() throws Exception {
    ConvId other = new ConvId(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
    store.put(new Conversation(other, "other", false, Optional.empty(), 0, 0, Conversation.Status.ACTIVE));
    queueEncrypted("held");
    store.put(store.get(CONV).orElseThrow().withStatus(Conversation.Status.BROKEN));
    Outgoing o = outbox.add(other, new io.wya.gateway.protocol.MsgId(new byte[16]), payload("free"), "free", System.currentTimeMillis() + 60_000);
    outbox.update(o.encryptedAs(CIPHERTEXT, 3));
    start();
    FakeGateway.Conn c = liveConnection();
    assertThat(send(c.take()).convId()).isEqualTo(other);
    assertThat(outbox.pending(CONV)).extracting(Outgoing::text).containsExactly("held");
  }

  private CompletableFuture<Optional<ChatLine>> queueEncrypted(String text) {
    Outgoing o = outbox.add(CONV, new io.wya.gateway.protocol.MsgId(randomBytes()), payload(text), text, System.currentTimeMillis());
    outbox.update(o.encryptedAs(CIPHERTEXT, 3));
    return sender.future(o);
  }

  private static byte[] payload(String text) {
    return ChatPayload.newBuilder().setText(Text.newBuilder().setBody(text)).build().toByteArray();
  }

  private void start() {
    connection.start();
    sender.start();
  }

  private FakeGateway.Conn liveConnection() throws InterruptedException {
    FakeGateway.Conn c = gateway.next();
    c.ready(identity);
    c.push(0, new ServerFrame.CaughtUp(1));
    return c;
  }

  private static ClientFrame.Send send(ClientMessage m) {
    assertThat(m.frame()).isInstanceOf(ClientFrame.Send.class);
    return (ClientFrame.Send) m.frame();
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return b;
  }
}
