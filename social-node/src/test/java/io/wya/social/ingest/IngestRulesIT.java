package io.wya.social.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.google.protobuf.ByteString;
import io.quarkus.test.junit.QuarkusTest;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.Lww;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.proto.Event;
import io.wya.polycentric.proto.SignedEvent;
import io.wya.social.support.Identity;
import io.wya.social.support.Node;
import io.wya.social.support.SocialNodeResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/// Every rule of `POST /events`: a bad event rejects the whole batch with 400, a code and a
/// message naming the event, and nothing of the batch is stored.
@QuarkusTest
class IngestRulesIT {
  private final Identity alice = Identity.create();

  @Test void aBodyThatIsNotEventsIs400() {
    Node.postRaw(new byte[] {(byte) 0xff, 1}).then().statusCode(400).body("code", equalTo("MALFORMED_BODY"));
  }

  @Test void moreEventsThanTheBatchLimitAre400BeforeAnyIsVerified() {
    io.wya.polycentric.proto.Events.Builder body = io.wya.polycentric.proto.Events.newBuilder();
    for (int i = 0; i < 1001; i++) body.addEvents(SignedEvent.getDefaultInstance());
    Node.postRaw(body.build().toByteArray()).then().statusCode(400).body("code", equalTo("TOO_MANY_EVENTS"));
  }

  @Test void anEmptyBodyIsZeroEvents() {
    Node.postRaw(new byte[0]).then().statusCode(200);
  }

  @Test void structuralRulesAreEach400WithTheirCode() throws Exception {
    assertRejected(raw(e -> e.clearVectorClock()), "MISSING_VECTOR_CLOCK");
    assertRejected(raw(e -> e.clearIndices()), "MISSING_INDICES");
    assertRejected(raw(e -> e.setProcess(e.getProcess().toBuilder().setProcess(ByteString.copyFrom(new byte[3])))), "INVALID_PROCESS");
    assertRejected(raw(e -> e.setSystem(e.getSystem().toBuilder().setKeyType(2))), "INVALID_SYSTEM");
    assertRejected(raw(e -> e.addReferences(io.wya.polycentric.proto.Reference.newBuilder().setReferenceType(9))), "INVALID_REFERENCE");
    assertRejected(raw(e -> e.setLogicalClock(-5)), "CLOCK_OUT_OF_RANGE");
    assertRejected(raw(e -> e.setUnixMilliseconds(-5)), "TIME_OUT_OF_RANGE");
    SignedEvent good = raw(e -> e);
    assertRejected(good.toBuilder().setSignature(good.getSignature().substring(0, 10)).build(), "INVALID_SIGNATURE");
    byte[] flipped = good.getSignature().toByteArray();
    flipped[0] ^= 1;
    assertRejected(good.toBuilder().setSignature(ByteString.copyFrom(flipped)).build(), "INVALID_SIGNATURE");
    assertRejected(SignedEvent.newBuilder().setEvent(ByteString.copyFrom(new byte[] {0x0a, 0x09})).build(), "MALFORMED_EVENT");
  }

  @Test void contentRulesAreEach400WithTheirCode() {
    assertRejected(content(ContentType.DELETE, ByteString.copyFromUtf8("not a delete")), "INVALID_DELETE");
    assertRejected(content(ContentType.CLAIM, ByteString.copyFrom(new byte[] {(byte) 0xff})), "INVALID_CLAIM");
    assertRejected(content(ContentType.POST, ByteString.EMPTY), "INVALID_POST");
    assertRejected(alice.author.post("x".repeat(10_001)), "POST_TOO_LONG");
    assertRejected(content(ContentType.USERNAME, ByteString.EMPTY), "MISSING_LWW_ELEMENT");
    assertRejected(content(ContentType.OPINION, ByteString.EMPTY), "MISSING_LWW_ELEMENT");
    assertRejected(content(ContentType.SERVER, ByteString.EMPTY), "MISSING_LWW_ELEMENT_SET");
    assertRejected(alice.author.publish(ContentType.DESCRIPTION, ByteString.EMPTY, Optional.empty(),
        Optional.of(new Lww.Element(ByteString.copyFrom(new byte[] {(byte) 0xc3, 0x28}), 1)), List.of()), "INVALID_UTF8");
  }

  @Test void aPostOfExactlyTheLimitIsAccepted() throws Exception {
    Identity bob = Identity.create();
    Node.post(bob.author.post("é".repeat(5_000))).then().statusCode(200);
    assertThat(Node.ranges(bob.system()).getRangesForProcessesCount()).isEqualTo(1);
  }

  @Test void theMessageNamesTheEventAndNothingOfTheBatchIsStored() throws Exception {
    Identity bob = Identity.create();
    VerifiedEvent fine = bob.author.post("fine");
    VerifiedEvent tooLong = bob.author.post("y".repeat(20_000));
    Node.post(fine, tooLong).then().statusCode(400).body("code", equalTo("POST_TOO_LONG"))
        .body("message", containsString("event #1")).body("message", containsString("/2"));
    assertThat(Node.ranges(bob.system()).getRangesForProcessesList()).isEmpty();
  }

  @Test void firstWriterWinsOnTheSameClock() throws Exception {
    Identity bob = Identity.create();
    VerifiedEvent first = bob.author.post("first");
    Identity sameProcess = bob;
    var rewound = new io.wya.polycentric.EventAuthor(sameProcess.key, first.process(), io.wya.polycentric.ProcessState.INITIAL,
        java.time.Clock.systemUTC());
    VerifiedEvent second = rewound.post("second at the same clock");
    Node.post(first).then().statusCode(200);
    Node.post(second).then().statusCode(200);
    byte[] body = given().queryParam("system", Node.param(bob.system())).queryParam("content_type", 3).get("/query_index")
        .then().statusCode(200).extract().asByteArray();
    assertThat(io.wya.polycentric.proto.QueryIndexResponse.parseFrom(body).getEventsList()).singleElement()
        .satisfies(e -> assertThat(e.getEvent()).isEqualTo(first.rawEvent()));
  }

  @Test void aBatchCarryingStoredEventsStoresItsNewOnesOnceThroughTheRewrite() throws Exception {
    Identity bob = Identity.create();
    List<VerifiedEvent> posts = new ArrayList<>();
    for (int i = 0; i < 6; i++) posts.add(bob.author.post("resent " + i));
    Node.post(posts.subList(0, 3)).then().statusCode(200);
    double rewrites = rewrites();
    Node.post(posts).then().statusCode(200);
    assertThat(rewrites()).as("the optimistic insert met the stored events and the batch was written again (ADR 0119)")
        .isEqualTo(rewrites + 1);
    Node.post(posts.subList(3, 6)).then().statusCode(200);
    var ranges = Node.ranges(bob.system()).getRangesForProcesses(0).getRangesList();
    assertThat(ranges).singleElement().satisfies(r -> assertThat(List.of(r.getLow(), r.getHigh())).containsExactly(1L, 6L));
    byte[] body = given().queryParam("system", Node.param(bob.system())).queryParam("content_type", 3).queryParam("limit", 50)
        .get("/query_index").then().statusCode(200).extract().asByteArray();
    assertThat(io.wya.polycentric.proto.QueryIndexResponse.parseFrom(body).getEventsList().stream().map(SignedEvent::getEvent).toList())
        .containsExactlyInAnyOrderElementsOf(posts.stream().map(VerifiedEvent::rawEvent).toList());
  }

  private static double rewrites() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics.lines().filter(line -> line.startsWith("social_ingest_write_rewritten_total"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  @Test void aDeleteThatArrivesFirstKeepsTheTargetOut() throws Exception {
    Identity bob = Identity.create();
    VerifiedEvent post = bob.author.post("to be deleted");
    VerifiedEvent delete = bob.author.delete(post);
    Node.post(delete).then().statusCode(200);
    Node.post(post).then().statusCode(200);
    var ranges = Node.ranges(bob.system()).getRangesForProcesses(0).getRangesList();
    assertThat(ranges).singleElement().satisfies(r -> assertThat(List.of(r.getLow(), r.getHigh())).containsExactly(1L, 2L));
    byte[] body = given().queryParam("system", Node.param(bob.system())).queryParam("content_type", 3).get("/query_index")
        .then().statusCode(200).extract().asByteArray();
    assertThat(io.wya.polycentric.proto.QueryIndexResponse.parseFrom(body).getEventsList()).singleElement()
        .satisfies(e -> assertThat(e.getEvent()).isEqualTo(delete.rawEvent()));
  }

  @Test void concurrentOverlappingBatchesAndDeletesStoreEachEventOnceAndTheDeleteWins() throws Exception {
    Identity bob = Identity.create();
    List<VerifiedEvent> posts = new ArrayList<>();
    for (int i = 0; i < 20; i++) posts.add(bob.author.post("concurrent " + i));
    VerifiedEvent delete = bob.author.delete(posts.getFirst());
    List<java.util.concurrent.Callable<Integer>> requests = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<VerifiedEvent> shuffled = new ArrayList<>(posts);
      java.util.Collections.shuffle(shuffled, new java.util.Random(i));
      requests.add(() -> Node.post(shuffled).statusCode());
      requests.add(() -> Node.post(delete).statusCode());
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(requests.size());
    try {
      for (var status : pool.invokeAll(requests)) assertThat(status.get()).isEqualTo(200);
    } finally {
      pool.shutdown();
    }
    var ranges = Node.ranges(bob.system()).getRangesForProcesses(0).getRangesList();
    assertThat(ranges).singleElement().satisfies(r -> assertThat(List.of(r.getLow(), r.getHigh())).containsExactly(1L, 21L));
    byte[] body = given().queryParam("system", Node.param(bob.system())).queryParam("content_type", 3).queryParam("limit", 50)
        .get("/query_index").then().statusCode(200).extract().asByteArray();
    var stored = io.wya.polycentric.proto.QueryIndexResponse.parseFrom(body).getEventsList().stream().map(SignedEvent::getEvent).toList();
    assertThat(stored).hasSize(20).doesNotHaveDuplicates().contains(delete.rawEvent()).doesNotContain(posts.getFirst().rawEvent())
        .containsAll(posts.subList(1, 20).stream().map(VerifiedEvent::rawEvent).toList());
  }

  @Test void anyContentTypeIsStoredOpaquelyAndClientModerationTagsAreDropped() throws Exception {
    Identity bob = Identity.create();
    VerifiedEvent unknown = bob.author.publish(4242, ByteString.copyFromUtf8("opaque"), Optional.empty(), Optional.empty(), List.of());
    SignedEvent tagged = unknown.toSignedEvent().toBuilder()
        .addModerationTags(io.wya.polycentric.proto.ModerationTag.newBuilder().setName("violence").setLevel(0)).build();
    Node.postSigned(tagged).then().statusCode(200);
    byte[] latest = given().queryParam("system", Node.param(bob.system()))
        .queryParam("event_types", Node.param(io.wya.polycentric.proto.RepeatedUInt64.newBuilder().addNumbers(4242).build()))
        .get("/query_latest").then().statusCode(200).extract().asByteArray();
    assertThat(Node.events(latest)).containsExactly(unknown.signedEventBytes());
  }

  @Test void tooManyEventsOfOneSystemAre429WithRetryAfter() {
    Identity carol = Identity.create();
    int status = 200;
    for (int batch = 0; batch < SocialNodeResource.EVENTS_PER_SYSTEM / 20 + 1 && status == 200; batch++) {
      List<VerifiedEvent> events = new ArrayList<>();
      for (int i = 0; i < 20; i++) events.add(carol.author.post("post " + batch + "." + i));
      var response = Node.post(events);
      status = response.statusCode();
      if (status == 429) {
        response.then().header("Retry-After", notNullValue()).body("code", equalTo("RATE_LIMITED"));
      }
    }
    assertThat(status).isEqualTo(429);
  }

  @Test void twentyBlobSectionsOf512KiBFitTheBodyLimit() throws Exception {
    Identity dave = Identity.create();
    List<VerifiedEvent> sections = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sections.add(dave.author.publish(ContentType.BLOB_SECTION, ByteString.copyFrom(new byte[512 * 1024]), Optional.empty(),
          Optional.empty(), List.of()));
    }
    Node.post(sections).then().statusCode(200);
    assertThat(Node.ranges(dave.system()).getRangesForProcesses(0).getRanges(0).getHigh()).isEqualTo(20);
  }

  @Test void aBodyAboveTheLimitIs413() throws Exception {
    var url = new java.net.URI(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port).toURL();
    try (var socket = new java.net.Socket(url.getHost(), url.getPort())) {
      String head = "POST /events HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + (13 * 1024 * 1024)
          + "\r\nExpect: 100-continue\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
      assertThat(status).startsWith("HTTP/1.1 413");
    }
  }

  private SignedEvent raw(UnaryOperator<Event.Builder> change) throws Exception {
    VerifiedEvent base = alice.author.post("base");
    Event.Builder event = change.apply(Event.parseFrom(base.rawEvent()).toBuilder());
    ByteString bytes = event.build().toByteString();
    return SignedEvent.newBuilder().setEvent(bytes).setSignature(alice.key.sign(bytes.toByteArray())).build();
  }

  private VerifiedEvent content(long type, ByteString content) {
    return alice.author.publish(type, content, Optional.empty(), Optional.empty(), List.of());
  }

  private void assertRejected(VerifiedEvent bad, String code) {
    VerifiedEvent good = Identity.create().author.post("innocent bystander");
    Node.post(good, bad).then().statusCode(400).body("code", equalTo(code)).body("message", containsString("event #1"));
    try {
      assertThat(Node.ranges(good.system()).getRangesForProcessesList()).as("nothing of a rejected batch is stored").isEmpty();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private void assertRejected(SignedEvent bad, String code) {
    Node.postSigned(bad).then().statusCode(400).body("code", equalTo(code)).body("message", containsString("event #0"));
  }
}
