package io.wya.mls.interop;

import static io.wya.mls.interop.TsPeer.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.mls.CommitBundle;
import io.wya.mls.DeviceIdentity;
import io.wya.mls.GroupStatus;
import io.wya.mls.Member;
import io.wya.mls.MlsClient;
import io.wya.mls.MlsException;
import io.wya.mls.MlsConfig;
import io.wya.mls.OrderingLog;
import io.wya.mls.Processed;
import io.wya.mls.TestClock;
import io.wya.mls.TestDevice;
import io.wya.mls.bc.BcEngine;
import io.wya.mls.store.EncryptedFileStore;
import io.wya.mls.store.StateKey;
import io.wya.mls.wire.KeyPackage;
import io.wya.mls.wire.MlsWire;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A Java member (this library over bcmls) and ts-mls 1.6.4 members in one group, with the
/// gateway's ordering rules in between ([OrderingLog]): each adds the other, application
/// messages both ways, updates and removes processed by both, epoch authenticators compared
/// after every step, and the Java member's encrypted state restarted in the middle. Findings
/// where the two disagree: ADR 0304.
class TsMlsInteropIT {
  private static final StateKey.Argon2Cost CHEAP = new StateKey.Argon2Cost(256, 1, 1);
  private static TsPeer ts;
  @TempDir Path home;

  @BeforeAll
  static void startPeer() throws Exception {
    ts = TsPeer.start();
  }

  @AfterAll
  static void stopPeer() throws Exception {
    if (ts != null) ts.close();
  }

  private MlsClient open(DeviceIdentity id, TestClock clock) throws Exception {
    EncryptedFileStore store = EncryptedFileStore.open(home, StateKey.passphrase("interop".toCharArray(), CHEAP), new SecureRandom());
    return MlsClient.create(store, BcEngine.standard(), id, MlsConfig.DEFAULTS, clock, new SecureRandom());
  }

  private static void newTsClient(String name, DeviceIdentity id) throws Exception {
    ts.call("newClient", name, "identity", id.mlsIdentity());
  }

  /// Delivers every entry after `cursor` to the ts-mls client; returns the responses.
  private static List<JsonNode> tsSync(String client, byte[] g, OrderingLog log, long cursor) throws Exception {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (OrderingLog.Entry e : log.after(cursor)) out.add(ts.call("process", client, "groupId", g, "message", e.message()));
    return out;
  }

  private static List<Processed> javaSync(MlsClient c, byte[] g, OrderingLog log) throws Exception {
    List<Processed> out = new java.util.ArrayList<>();
    for (OrderingLog.Entry e : log.after(c.group(g).lastSeq())) out.add(c.process(g, e.seq(), e.message()));
    return out;
  }

  private static byte[] tsAuthenticator(String client, byte[] g) throws Exception {
    return bytes(ts.call("state", client, "groupId", g).get("epochAuthenticator"));
  }

  @Test
  @DisplayName("interop: Java adds ts-mls (last-resort KeyPackage), ts-mls adds Java; messages, updates, removes and a leave both ways; Java restarts midway")
  void javaAndTsMlsShareAGroup() throws Exception {
    TestClock clock = TestClock.now();
    OrderingLog log = new OrderingLog();
    DeviceIdentity aliceId = TestDevice.identity("alice", 1);
    DeviceIdentity bobId = TestDevice.identity("ts-bob", 1);
    newTsClient("bob", bobId);
    MlsClient alice = open(aliceId, clock);
    TestDevice carol = TestDevice.of("carol", 1);

    // Java creates the group and adds ts-mls, whose KeyPackage carries last_resort (type 10: B3);
    // a ts-mls KeyPackage with a lifetime beyond the 90-day maximum (RFC 9420 §7.2) is refused
    byte[] g = alice.createGroup().groupId();
    byte[] tenYears = bytes(ts.call("keyPackage", "bob", "lifetimeSeconds", 3650L * 86400).get("keyPackage"));
    MlsClient first = alice;
    assertThatThrownBy(() -> first.addMembers(g, List.of(tenYears))).isInstanceOfSatisfying(MlsException.class,
        e -> assertThat(e.detail()).contains("LIFETIME_TOO_LONG"));
    JsonNode bobKp = ts.call("keyPackage", "bob", "lastResort", true);
    assertThat(((KeyPackage) MlsWire.parseMessage(bytes(bobKp.get("keyPackage")))).hasLastResortExtension()).isTrue();
    CommitBundle add = alice.addMembers(g, List.of(bytes(bobKp.get("keyPackage"))));
    long seq = log.send(add);
    javaSync(alice, g, log);
    ts.call("join", "bob", "welcome", add.welcome().orElseThrow());
    long bobCursor = seq;
    assertThat(tsAuthenticator("bob", g)).isEqualTo(alice.group(g).epochAuthenticator());

    // application messages both ways
    log.send(alice.encrypt(g, "hello from java".getBytes()));
    List<JsonNode> got = tsSync("bob", g, log, bobCursor);
    bobCursor = log.after(0).getLast().seq();
    assertThat(bytes(got.getFirst().get("plaintext"))).isEqualTo("hello from java".getBytes());
    log.send(bytes(ts.call("encrypt", "bob", "groupId", g, "plaintext", "hello from ts-mls".getBytes()).get("message")));
    assertThat(javaSync(alice, g, log)).last().isInstanceOfSatisfying(Processed.Application.class, a -> {
      assertThat(a.plaintext()).isEqualTo("hello from ts-mls".getBytes());
      assertThat(a.sender().device()).isEqualTo(bobId);
    });
    tsSync("bob", g, log, bobCursor);
    bobCursor = log.after(0).getLast().seq();

    // ts-mls adds a Java member (its Welcome, its Commit), both Java members follow
    JsonNode tsAdd = ts.call("commit", "bob", "groupId", g, "add", List.of(carol.keyPackage()));
    seq = log.send(bytes(tsAdd.get("commit")));
    tsSync("bob", g, log, bobCursor);
    bobCursor = seq;
    assertThat(javaSync(alice, g, log)).singleElement().isInstanceOfSatisfying(Processed.CommitApplied.class,
        c -> assertThat(c.added()).extracting(Member::device).containsExactly(carol.id));
    carol.client.joinFromWelcome(bytes(tsAdd.get("welcome")), seq);
    assertThat(carol.authenticator(g)).isEqualTo(alice.group(g).epochAuthenticator()).isEqualTo(tsAuthenticator("bob", g));

    // a Java update and a ts-mls update, each processed by everyone
    CommitBundle update = alice.update(g);
    log.send(update);
    javaSync(alice, g, log);
    carol.sync(g, log);
    tsSync("bob", g, log, bobCursor);
    bobCursor = log.after(0).getLast().seq();
    assertThat(tsAuthenticator("bob", g)).isEqualTo(alice.group(g).epochAuthenticator()).isEqualTo(carol.authenticator(g));

    // the Java member restarts (its state comes back from the encrypted directory)
    byte[] whileAway = bytes(ts.call("encrypt", "bob", "groupId", g, "plaintext", "sent while java was down".getBytes()).get("message"));
    log.send(whileAway);
    alice.close();
    alice = open(aliceId, clock);

    JsonNode tsUpdate = ts.call("commit", "bob", "groupId", g);
    log.send(bytes(tsUpdate.get("commit")));
    tsSync("bob", g, log, bobCursor);
    bobCursor = log.after(0).getLast().seq();
    List<Processed> seen = javaSync(alice, g, log);
    assertThat(seen).first().isInstanceOfSatisfying(Processed.Application.class,
        a -> assertThat(a.plaintext()).isEqualTo("sent while java was down".getBytes()));
    assertThat(seen).last().isInstanceOf(Processed.CommitApplied.class);
    carol.sync(g, log);
    assertThat(alice.group(g).epoch()).isEqualTo(4);
    assertThat(tsAuthenticator("bob", g)).isEqualTo(alice.group(g).epochAuthenticator()).isEqualTo(carol.authenticator(g));

    // ts-mls removes the Java member carol; Java sees it, carol learns it was removed
    JsonNode tsRemove = ts.call("commit", "bob", "groupId", g, "removeIdentities", List.of(carol.id.mlsIdentity()));
    log.send(bytes(tsRemove.get("commit")));
    tsSync("bob", g, log, bobCursor);
    bobCursor = log.after(0).getLast().seq();
    assertThat(carol.sync(g, log)).last().isInstanceOf(Processed.Removed.class);
    assertThat(javaSync(alice, g, log)).singleElement().isInstanceOfSatisfying(Processed.CommitApplied.class,
        c -> assertThat(c.removed()).extracting(Member::device).containsExactly(carol.id));
    assertThat(tsAuthenticator("bob", g)).isEqualTo(alice.group(g).epochAuthenticator());

    // the ts-mls member leaves; Java commits the leave alone in the group (B1) and ts-mls sees its removal
    int bobLeaf = alice.group(g).devicesOf(bobId.userId()).getFirst().leafIndex();
    log.send(bytes(ts.call("proposeRemove", "bob", "groupId", g, "leaf", bobLeaf).get("proposal")));
    assertThat(javaSync(alice, g, log)).singleElement().isInstanceOfSatisfying(Processed.ProposalReceived.class,
        p -> assertThat(p.leaveRequest()).isTrue());
    log.send(alice.commitPendingProposals(g));
    javaSync(alice, g, log);
    List<JsonNode> last = tsSync("bob", g, log, bobCursor);
    assertThat(last.getLast().get("kind").asText()).isEqualTo("removed");
    assertThat(alice.group(g).members()).extracting(Member::device).containsExactly(aliceId);
    assertThat(alice.group(g).status()).isEqualTo(GroupStatus.ACTIVE);

    // ts-mls joins the tree left by that one-member Commit (a commit leaf with no parents) and talks
    newTsClient("ivy", TestDevice.identity("ts-ivy", 1));
    CommitBundle addIvy = alice.addMembers(g, List.of(bytes(ts.call("keyPackage", "ivy").get("keyPackage"))));
    seq = log.send(addIvy);
    javaSync(alice, g, log);
    ts.call("join", "ivy", "welcome", addIvy.welcome().orElseThrow());
    assertThat(tsAuthenticator("ivy", g)).isEqualTo(alice.group(g).epochAuthenticator());
    log.send(bytes(ts.call("encrypt", "ivy", "groupId", g, "plaintext", "joined a one-member tree".getBytes()).get("message")));
    assertThat(javaSync(alice, g, log)).last().isInstanceOf(Processed.Application.class);
    alice.close();
  }

  @Test
  @DisplayName("interop: ts-mls creates the group and adds Java's last-resort KeyPackage; Java joins and both talk")
  void tsMlsCreatesAndAddsJava() throws Exception {
    TestClock clock = TestClock.now();
    OrderingLog log = new OrderingLog();
    DeviceIdentity daveId = TestDevice.identity("ts-dave", 1);
    newTsClient("dave", daveId);
    MlsClient erin = open(TestDevice.identity("erin", 1), clock);
    byte[] g = "ts-created-group".getBytes();
    ts.call("createGroup", "dave", "groupId", g);
    JsonNode add = ts.call("commit", "dave", "groupId", g, "add", List.of(erin.lastResortKeyPackage().keyPackage()));
    long seq = log.send(bytes(add.get("commit")));
    tsSync("dave", g, log, 0);
    erin.joinFromWelcome(bytes(add.get("welcome")), seq);
    assertThat(erin.group(g).epochAuthenticator()).isEqualTo(tsAuthenticator("dave", g));
    log.send(erin.encrypt(g, "from java".getBytes()));
    assertThat(bytes(tsSync("dave", g, log, seq).getFirst().get("plaintext"))).isEqualTo("from java".getBytes());
    log.send(bytes(ts.call("encrypt", "dave", "groupId", g, "plaintext", "from ts".getBytes()).get("message")));
    assertThat(javaSync(erin, g, log)).last().isInstanceOfSatisfying(Processed.Application.class,
        a -> assertThat(a.plaintext()).isEqualTo("from ts".getBytes()));
    erin.close();
  }

  @Test
  @DisplayName("interop: Java joins a ts-mls group externally (ts-mls 1.x's unprefixed external_pub tolerated); ts-mls cannot read an RFC-correct external_pub")
  void externalJoins() throws Exception {
    TestClock clock = TestClock.now();
    OrderingLog log = new OrderingLog();
    newTsClient("frank", TestDevice.identity("ts-frank", 1));
    MlsClient gina = open(TestDevice.identity("gina", 1), clock);
    byte[] g = "ts-group-for-external-join".getBytes();
    ts.call("createGroup", "frank", "groupId", g);
    byte[] tsGroupInfo = bytes(ts.call("groupInfo", "frank", "groupId", g).get("groupInfo"));
    CommitBundle join = gina.externalJoin(tsGroupInfo);
    long seq = log.send(join);
    assertThat(gina.process(g, seq, join.commit())).isInstanceOf(Processed.CommitApplied.class);
    JsonNode processed = ts.call("process", "frank", "groupId", g, "message", join.commit());
    assertThat(processed.get("kind").asText()).isEqualTo("commit");
    assertThat(gina.group(g).epochAuthenticator()).isEqualTo(tsAuthenticator("frank", g));

    newTsClient("hank", TestDevice.identity("ts-hank", 1));
    // ts-mls 1.x reads external_pub as the raw key, so the RFC's length prefix makes it a bad key
    byte[] javaGroupInfo = gina.groupInfo(g);
    assertThatThrownBy(() -> ts.call("externalJoin", "hank", "groupInfo", javaGroupInfo)).isInstanceOf(TsPeer.Failure.class)
        .hasMessageContaining("Invalid public key for the ciphersuite");
    gina.close();
  }
}
