package io.wya.cli.e2e;

import static io.wya.cli.e2e.TsMlsGatewayPeer.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.client.gateway.GatewayConnection;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.mls.Member;
import io.wya.mls.MlsConfig;
import io.wya.mls.Processed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A Java member (client-core's gateway connection and the `mls` library over bcmls) and a ts-mls
/// 1.6.4 member that speaks the gateway protocol itself (`gateway-peer.mjs`: its own WebSocket,
/// frames.proto via protobufjs, Ed25519 device authentication) in one group through the running
/// realtime-gateway on the real services: KeyPackages uploaded to the directory and validated there,
/// claimed, Commit+Welcome bundles with the Welcome routed by KeyPackageRef, seq-ordered delivery,
/// echo-before-apply, application messages both ways, updates and removes processed by both, in
/// both directions of who adds whom. Findings: ADR 0304 and ADR 0306.
class TsMlsThroughGatewayIT {
  private static final long TEN_YEARS = 3650L * 86400;
  private static RunningSystem system;
  private static TsMlsGatewayPeer ts;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    system = RunningSystem.shared();
    ts = TsMlsGatewayPeer.start(system.gatewayUrl().toString());
  }

  @AfterAll
  static void stop() throws Exception {
    if (ts != null) ts.close();
  }

  private JavaMlsMember java(String name, JavaMlsMember.Options options) throws Exception {
    return JavaMlsMember.connect(dir.resolve(name), system.gatewayUrl(), options);
  }

  private JavaMlsMember java(String name) throws Exception { return java(name, JavaMlsMember.Options.NEW_USER); }

  /// The library's defaults with a pool target of `target` one-time KeyPackages.
  private static MlsConfig pool(int target) {
    MlsConfig d = MlsConfig.DEFAULTS;
    return new MlsConfig(d.keyPackageLifetime(), d.maxKeyPackageLifetime(), d.clockSkew(), target, d.maxKeyPackagesPerUpload(),
        d.lastResortRotation(), d.expiredKeyPackageGrace());
  }

  private static byte[] tsAuthenticator(String client, byte[] g) throws Exception {
    return bytes(ts.call("state", client, "convId", g).get("epochAuthenticator"));
  }

  private static long seq(JsonNode sent) { return sent.get("seq").asLong(); }

  private static byte[] text(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  @Test
  @DisplayName("interop through the gateway: Java creates a room and adds ts-mls; ts-mls adds a Java member, whose pool is replenished on KeyPackagesLow; messages, updates and removes both ways; the Java creator restarts midway")
  void javaCreatesAndTsMlsJoins() throws Exception {
    JavaMlsMember alice = java("alice");
    // carol is on SSE (GATEWAY_SPEC §3.2) and replenishes her pool whenever the gateway says it is
    // low (KP-10); her target is the gateway's watermark, 10, so every claim makes it low again
    JavaMlsMember carol = java("carol", new JavaMlsMember.Options(null, pool(10), true, GatewayConnection.Transports.SSE_ONLY));
    assertThat(carol.awaitReplenished()).isEqualTo(new JavaMlsMember.Replenished(0, 10, 10));
    JsonNode bob = ts.connect("bob");
    byte[] bobUser = bytes(bob.get("userId"));
    assertThat(bob.get("deviceRegistered").asBoolean()).isTrue();

    // the directory validates ts-mls's KeyPackages: one with a ten-year lifetime is refused (KP-1,
    // RFC 9420 §7.2), one-time and last-resort (extension 10, KP-6) are taken
    assertThatThrownBy(() -> ts.call("uploadKeyPackages", "bob", "count", 1, "lifetimeSeconds", TEN_YEARS))
        .isInstanceOfSatisfying(TsMlsGatewayPeer.Failure.class, f -> {
          assertThat(f.code).isEqualTo("KEY_PACKAGE_INVALID");
          assertThat(f.reason).isEqualTo("LIFETIME_TOO_LONG");
        });
    JsonNode uploaded = ts.call("uploadKeyPackages", "bob", "count", 1, "lastResort", true);
    assertThat(uploaded.get("oneTimeCount").asInt()).isEqualTo(1);
    assertThat(uploaded.get("hasLastResort").asBoolean()).isTrue();
    assertThat(uploaded.get("refs")).as("KeyPackageRefs: the gateway's and ts-mls's").isEqualTo(uploaded.get("ownRefs"));
    // and ours: the gateway finds the last_resort extension in bcmls's package without the upload flag
    assertThat(alice.uploadKeyPackages(2, true).hasLastResort()).isTrue();

    // Java creates the conversation and adds the ts-mls device (its one-time package); the Welcome
    // reaches bob by its KeyPackageRef, the Commit is applied by alice when it is echoed
    byte[] g = alice.createConversation();
    JavaMlsMember.Sent add = alice.add(g, bobUser);
    assertThat(add.claimed().keyPackages()).singleElement().satisfies(k -> {
      assertThat(k.lastResort()).isFalse();
      assertThat(k.ref()).isEqualTo(bytes(uploaded.get("refs").get(0)));
    });
    assertThat(alice.awaitSeq(g, add.seq())).singleElement().satisfies(e -> assertThat(e.processed())
        .isInstanceOfSatisfying(Processed.CommitApplied.class, c -> {
          assertThat(c.own()).isTrue();
          assertThat(c.added()).extracting(m -> m.device().userId()).containsExactly(bobUser);
        }));
    assertThat(ts.awaitSeq("bob", g, add.seq())).singleElement().satisfies(e -> assertThat(e.get("kind").asText()).isEqualTo("welcome"));
    assertThat(tsAuthenticator("bob", g)).isEqualTo(alice.mls.group(g).epochAuthenticator());

    // application messages both ways, each echoed to its sender
    long hello = alice.send(g, "hello from java");
    assertThat(ts.awaitSeq("bob", g, hello)).singleElement()
        .satisfies(e -> assertThat(bytes(e.get("plaintext"))).isEqualTo(text("hello from java")));
    long back = seq(ts.call("send", "bob", "convId", g, "plaintext", text("hello from ts-mls")));
    assertThat(alice.awaitSeq(g, back)).extracting(JavaMlsMember.Event::processed).satisfiesExactly(
        own -> assertThat(own).isInstanceOf(Processed.OwnApplication.class),
        got -> assertThat(got).isInstanceOfSatisfying(Processed.Application.class, a -> {
          assertThat(a.plaintext()).isEqualTo(text("hello from ts-mls"));
          assertThat(a.sender().device().userId()).isEqualTo(bobUser);
        }));
    assertThat(ts.awaitSeq("bob", g, back)).singleElement().satisfies(e -> assertThat(e.get("kind").asText()).isEqualTo("echo"));

    // ts-mls adds a Java member: it claims carol's package, its Welcome is routed to carol alone
    JsonNode tsAdd = ts.call("add", "bob", "convId", g, "userId", carol.userId());
    assertThat(tsAdd.get("claimed")).singleElement().satisfies(k -> assertThat(k.get("lastResort").asBoolean()).isFalse());
    long added = seq(tsAdd);
    assertThat(ts.awaitSeq("bob", g, added)).singleElement().satisfies(e -> {
      assertThat(e.get("kind").asText()).isEqualTo("commit");
      assertThat(e.get("own").asBoolean()).isTrue();
    });
    assertThat(alice.awaitSeq(g, added)).singleElement().satisfies(e -> assertThat(e.processed())
        .isInstanceOfSatisfying(Processed.CommitApplied.class, c -> assertThat(c.added()).extracting(Member::device).containsExactly(carol.device())));
    assertThat(carol.awaitSeq(g, added)).singleElement().satisfies(e -> assertThat(e.joined()).as("%s", e).isTrue());
    assertThat(carol.awaitReplenished()).isEqualTo(new JavaMlsMember.Replenished(9, 1, 10));
    assertThat(carol.mls.group(g).epochAuthenticator()).isEqualTo(alice.mls.group(g).epochAuthenticator()).isEqualTo(tsAuthenticator("bob", g));
    long fromCarol = carol.send(g, "carol joined through a ts-mls Welcome");
    assertThat(ts.awaitSeq("bob", g, fromCarol)).last().satisfies(e -> assertThat(bytes(e.get("plaintext")))
        .isEqualTo(text("carol joined through a ts-mls Welcome")));

    // an update Commit from each side, processed by everyone
    JavaMlsMember.Sent javaUpdate = alice.send(alice.mls.update(g));
    assertThat(ts.awaitSeq("bob", g, javaUpdate.seq())).last().satisfies(e -> assertThat(e.get("kind").asText()).isEqualTo("commit"));
    assertThat(carol.awaitSeq(g, javaUpdate.seq())).last().satisfies(e -> assertThat(e.processed()).isInstanceOf(Processed.CommitApplied.class));
    alice.awaitSeq(g, javaUpdate.seq());
    long tsUpdate = seq(ts.call("update", "bob", "convId", g));
    assertThat(alice.awaitSeq(g, tsUpdate)).last().satisfies(e -> assertThat(e.processed()).isInstanceOfSatisfying(Processed.CommitApplied.class,
        c -> assertThat(c.committer().device().userId()).isEqualTo(bobUser)));
    carol.awaitSeq(g, tsUpdate);
    ts.awaitSeq("bob", g, tsUpdate);
    assertThat(alice.mls.group(g).epoch()).isEqualTo(4);
    assertThat(tsAuthenticator("bob", g)).isEqualTo(alice.mls.group(g).epochAuthenticator()).isEqualTo(carol.mls.group(g).epochAuthenticator());

    // alice's process restarts while ts-mls talks and commits: her groups come back from the
    // encrypted state directory and the backlog after her ack cursor is processed in seq order
    alice.close();
    long whileDown = seq(ts.call("send", "bob", "convId", g, "plaintext", text("sent while java was down")));
    alice = alice.reopen();
    long tsUpdateWhileDown = seq(ts.call("update", "bob", "convId", g));
    List<JavaMlsMember.Event> afterRestart = alice.awaitSeq(g, tsUpdateWhileDown);
    assertThat(afterRestart).filteredOn(e -> e.seq() == whileDown).extracting(JavaMlsMember.Event::processed)
        .anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(Processed.Application.class,
            a -> assertThat(a.plaintext()).isEqualTo(text("sent while java was down"))));
    assertThat(afterRestart).last().satisfies(e -> assertThat(e.processed()).isInstanceOf(Processed.CommitApplied.class));
    carol.awaitSeq(g, tsUpdateWhileDown);
    ts.awaitSeq("bob", g, tsUpdateWhileDown);
    assertThat(alice.mls.group(g).epoch()).isEqualTo(5);
    assertThat(tsAuthenticator("bob", g)).isEqualTo(alice.mls.group(g).epochAuthenticator()).isEqualTo(carol.mls.group(g).epochAuthenticator());

    // ts-mls removes the Java member carol: carol learns it (MBR-4), alice applies it
    long carolOut = seq(ts.call("remove", "bob", "convId", g, "userId", carol.userId()));
    assertThat(carol.awaitSeq(g, carolOut)).last().satisfies(e -> assertThat(e.processed()).isInstanceOf(Processed.Removed.class));
    assertThat(alice.awaitSeq(g, carolOut)).last().satisfies(e -> assertThat(e.processed())
        .isInstanceOfSatisfying(Processed.CommitApplied.class, c -> assertThat(c.removed()).extracting(Member::device).containsExactly(carol.device())));
    ts.awaitSeq("bob", g, carolOut);
    assertThat(tsAuthenticator("bob", g)).isEqualTo(alice.mls.group(g).epochAuthenticator());

    // Java removes the ts-mls member: bob processes its own removal
    JavaMlsMember.Sent bobOut = alice.send(alice.mls.removeUser(g, bobUser));
    assertThat(ts.awaitSeq("bob", g, bobOut.seq())).last().satisfies(e -> assertThat(e.get("kind").asText()).isEqualTo("removed"));
    assertThat(alice.awaitSeq(g, bobOut.seq())).last().satisfies(e -> assertThat(e.processed()).isInstanceOf(Processed.CommitApplied.class));
    assertThat(alice.mls.group(g).members()).extracting(Member::device).containsExactly(alice.device());
    alice.close();
    carol.close();
  }

  @Test
  @DisplayName("interop through the gateway: ts-mls (on SSE) creates a room and adds Java's last-resort KeyPackage; messages both ways, also after ts-mls was offline; updates both ways; a second Java device joins externally from ts-mls's GroupInfo; Java removes the creator")
  void tsMlsCreatesAndJavaJoins() throws Exception {
    JavaMlsMember erin = java("erin");
    // dave, the ts-mls member, is on Server-Sent Events (GATEWAY_SPEC §3.2)
    byte[] daveUser = bytes(ts.connect("dave", "sse").get("userId"));
    // erin has only a last-resort package: the claim returns it and keeps it (KP-8)
    ServerFrame.KeyPackagesUploaded erinPool = erin.uploadKeyPackages(0, true);
    assertThat(erinPool.oneTimeCount()).isZero();
    assertThat(erinPool.hasLastResort()).isTrue();
    ts.call("uploadKeyPackages", "dave", "count", 1);

    byte[] g = new byte[16];
    new SecureRandom().nextBytes(g);
    ts.call("createConversation", "dave", "convId", g);
    JsonNode add = ts.call("add", "dave", "convId", g, "userId", erin.userId());
    assertThat(add.get("claimed")).singleElement().satisfies(k -> assertThat(k.get("lastResort").asBoolean()).isTrue());
    long added = seq(add);
    assertThat(erin.awaitSeq(g, added)).singleElement().satisfies(e -> assertThat(e.joined()).as("%s", e).isTrue());
    ts.awaitSeq("dave", g, added);
    assertThat(erin.mls.group(g).epochAuthenticator()).isEqualTo(tsAuthenticator("dave", g));

    long fromJava = erin.send(g, "from java");
    assertThat(ts.awaitSeq("dave", g, fromJava)).singleElement().satisfies(e -> assertThat(bytes(e.get("plaintext"))).isEqualTo(text("from java")));
    long fromTs = seq(ts.call("send", "dave", "convId", g, "plaintext", text("from ts")));
    assertThat(erin.awaitSeq(g, fromTs)).last().satisfies(e -> assertThat(e.processed())
        .isInstanceOfSatisfying(Processed.Application.class, a -> assertThat(a.plaintext()).isEqualTo(text("from ts"))));

    // ts-mls is offline while Java sends and commits; it comes back with its resume token (AUTH-5)
    // and catches up in seq order (DLV-5)
    ts.awaitSeq("dave", g, fromTs);
    ts.call("disconnect", "dave");
    long first = erin.send(g, "while you were away 1");
    JavaMlsMember.Sent javaUpdate = erin.send(erin.mls.update(g));
    long second = erin.send(g, "while you were away 2");
    assertThat(ts.resume("dave", "sse").get("resumed").asBoolean()).isTrue();
    List<JsonNode> caughtUp = ts.awaitSeq("dave", g, second);
    assertThat(caughtUp).extracting(e -> e.get("seq").asLong()).containsExactly(first, javaUpdate.seq(), second);
    assertThat(bytes(caughtUp.get(0).get("plaintext"))).isEqualTo(text("while you were away 1"));
    assertThat(caughtUp.get(1).get("kind").asText()).isEqualTo("commit");
    assertThat(bytes(caughtUp.get(2).get("plaintext"))).isEqualTo(text("while you were away 2"));
    erin.awaitSeq(g, second);

    JsonNode tsUpdate = ts.call("update", "dave", "convId", g);
    assertThat(erin.awaitSeq(g, seq(tsUpdate))).last().satisfies(e -> assertThat(e.processed()).isInstanceOf(Processed.CommitApplied.class));
    ts.awaitSeq("dave", g, seq(tsUpdate));
    assertThat(erin.mls.group(g).epochAuthenticator()).isEqualTo(tsAuthenticator("dave", g));

    // a second device of erin's joins by an external Commit (MBR-5) from the GroupInfo the gateway
    // holds: the one ts-mls sent with its Commit, whose external_pub lacks the RFC's length prefix
    // (ADR 0304, finding 1); ts-mls and erin's first device apply the join
    JavaMlsMember erin2 = java("erin-2", new JavaMlsMember.Options(erin.identity.key(), MlsConfig.DEFAULTS, false,
        GatewayConnection.Transports.WEBSOCKET_ONLY));
    byte[] held = erin2.groupInfo(g);
    assertThat(held).isEqualTo(bytes(tsUpdate.get("groupInfo")));
    JavaMlsMember.Sent joined = erin2.externalJoin(g, held);
    assertThat(erin2.awaitSeq(g, joined.seq())).singleElement().satisfies(e -> assertThat(e.processed())
        .isInstanceOfSatisfying(Processed.CommitApplied.class, c -> assertThat(c.own()).isTrue()));
    assertThat(ts.awaitSeq("dave", g, joined.seq())).singleElement().satisfies(e -> assertThat(e.get("kind").asText()).isEqualTo("commit"));
    assertThat(erin.awaitSeq(g, joined.seq())).singleElement().satisfies(e -> assertThat(e.processed())
        .isInstanceOfSatisfying(Processed.CommitApplied.class, c -> assertThat(c.added()).extracting(Member::device).containsExactly(erin2.device())));
    assertThat(erin2.mls.group(g).epochAuthenticator()).isEqualTo(erin.mls.group(g).epochAuthenticator()).isEqualTo(tsAuthenticator("dave", g));
    long fromSecond = erin2.send(g, "from erin's second device");
    assertThat(ts.awaitSeq("dave", g, fromSecond)).singleElement()
        .satisfies(e -> assertThat(bytes(e.get("plaintext"))).isEqualTo(text("from erin's second device")));
    assertThat(erin.awaitSeq(g, fromSecond)).singleElement().satisfies(e -> assertThat(e.processed())
        .isInstanceOfSatisfying(Processed.Application.class, a -> assertThat(a.sender().device()).isEqualTo(erin2.device())));

    // Java removes the ts-mls creator; dave processes its removal, erin's two devices hold the room
    JavaMlsMember.Sent daveOut = erin.send(erin.mls.removeUser(g, daveUser));
    assertThat(ts.awaitSeq("dave", g, daveOut.seq())).last().satisfies(e -> assertThat(e.get("kind").asText()).isEqualTo("removed"));
    erin.awaitSeq(g, daveOut.seq());
    assertThat(erin2.awaitSeq(g, daveOut.seq())).last().satisfies(e -> assertThat(e.processed()).isInstanceOf(Processed.CommitApplied.class));
    assertThat(erin.mls.group(g).members()).extracting(Member::device).containsExactlyInAnyOrder(erin.device(), erin2.device());
    erin.close();
    erin2.close();
  }

  @Test
  @DisplayName("interop through the gateway: EPOCH-1 a Java Commit and a ts-mls Commit race for one epoch, each side losing once: the loser is refused (STALE_EPOCH), applies the winner, retries, and all agree")
  void commitRacesBetweenJavaAndTsMls() throws Exception {
    JavaMlsMember frank = java("frank");
    byte[] ginaUser = bytes(ts.connect("gina").get("userId"));
    ts.call("uploadKeyPackages", "gina", "count", 1);
    byte[] g = frank.createConversation();
    long added = frank.add(g, ginaUser).seq();
    frank.awaitSeq(g, added);
    ts.awaitSeq("gina", g, added);

    // ts-mls loses: its Commit is staged, and it sends it before it has seen Java's (its deliveries
    // are held: the network delay of a real race)
    ts.call("hold", "gina");
    ts.call("stageUpdate", "gina", "convId", g);
    JavaMlsMember.Sent javaWins = frank.send(frank.mls.update(g));
    assertThatThrownBy(() -> ts.call("sendStaged", "gina", "convId", g)).isInstanceOfSatisfying(TsMlsGatewayPeer.Failure.class, f -> {
      assertThat(f.code).isEqualTo("STALE_EPOCH");
      assertThat(f.currentEpoch).isEqualTo(2);
    });
    ts.call("release", "gina");
    assertThat(ts.awaitSeq("gina", g, javaWins.seq())).singleElement().satisfies(e -> {
      assertThat(e.get("kind").asText()).isEqualTo("commit");
      assertThat(e.get("own").asBoolean()).isFalse();
    });
    assertThat(frank.awaitSeq(g, javaWins.seq())).singleElement().satisfies(e -> assertThat(e.processed())
        .isInstanceOfSatisfying(Processed.CommitApplied.class, c -> assertThat(c.own()).isTrue()));
    long tsRetry = seq(ts.call("update", "gina", "convId", g));
    assertThat(frank.awaitSeq(g, tsRetry)).singleElement().satisfies(e -> assertThat(e.processed()).isInstanceOf(Processed.CommitApplied.class));
    ts.awaitSeq("gina", g, tsRetry);
    assertThat(frank.mls.group(g).epoch()).isEqualTo(3);
    assertThat(tsAuthenticator("gina", g)).isEqualTo(frank.mls.group(g).epochAuthenticator());

    // Java loses: its Commit is staged when ts-mls's is accepted; it is refused, never applied
    io.wya.mls.CommitBundle staged = frank.mls.update(g);
    long tsWins = seq(ts.call("update", "gina", "convId", g));
    assertThatThrownBy(() -> frank.send(staged)).isInstanceOfSatisfying(io.wya.client.gateway.GatewayRejected.class, r -> {
      assertThat(r.code()).isEqualTo(io.wya.gateway.protocol.ErrorCode.STALE_EPOCH);
      assertThat(r.error().currentEpoch()).hasValue(4);
    });
    assertThat(frank.awaitSeq(g, tsWins)).singleElement().satisfies(e -> assertThat(e.processed())
        .isInstanceOfSatisfying(Processed.CommitApplied.class, c -> {
          assertThat(c.own()).isFalse();
          assertThat(c.committer().device().userId()).isEqualTo(ginaUser);
        }));
    ts.awaitSeq("gina", g, tsWins);
    JavaMlsMember.Sent javaRetry = frank.send(frank.mls.update(g));
    assertThat(ts.awaitSeq("gina", g, javaRetry.seq())).singleElement().satisfies(e -> assertThat(e.get("kind").asText()).isEqualTo("commit"));
    frank.awaitSeq(g, javaRetry.seq());
    assertThat(frank.mls.group(g).epoch()).isEqualTo(5);
    assertThat(tsAuthenticator("gina", g)).isEqualTo(frank.mls.group(g).epochAuthenticator());
    frank.close();
  }
}
