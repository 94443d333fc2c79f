package io.wya.polycentric;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.wya.polycentric.proto.Event;
import io.wya.polycentric.proto.Events;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/// The five events the official client library signed (shared/vectors/polycentric).
class VectorEventsTest {
  private final JsonNode vectors = TestVectors.load();

  @Test void everyVectorEventVerifiesAndKeepsItsExactBytes() {
    for (String name : TestVectors.EVENTS) {
      JsonNode v = vectors.get("events").get(name);
      VerifiedEvent event = EventVerifier.verify(TestVectors.hex(v.get("signedEventHex")));
      assertThat(event.rawEvent()).as(name).isEqualTo(TestVectors.hex(v.get("eventHex")));
      assertThat(event.signature()).as(name).isEqualTo(TestVectors.hex(v.get("signatureHex")));
      assertThat(event.signedEventBytes()).as(name).isEqualTo(TestVectors.hex(v.get("signedEventHex")));
      assertThat(event.digest()).as(name).isEqualTo(TestVectors.hex(v.get("sha256OfEventBytesHex")));
      assertThat(event.pointer().toProto().toByteString()).as(name).isEqualTo(TestVectors.hex(v.get("pointerHex")));
      assertThat(Base64Url.encodeStandard(event.pointer().toProto().toByteArray())).as(name).isEqualTo(v.get("pointerBase64Std").asText());
      assertThat(Reference.to(event.pointer()).toProto().toByteString()).as(name).isEqualTo(TestVectors.hex(v.get("pointerAsReferenceHex")));
      assertThat(event.system().encoded()).isEqualTo(TestVectors.hex(vectors.get("publicKeyProtoHex")));
      assertThat(event.logicalClock()).isEqualTo(List.of(TestVectors.EVENTS).indexOf(name) + 1);
    }
  }

  @Test void signingWithTheVectorSeedReproducesTheSignatures() {
    SigningKey key = seed();
    assertThat(key.system().key()).isEqualTo(TestVectors.hex(vectors.get("publicKeyHex")));
    for (String name : TestVectors.EVENTS) {
      JsonNode v = vectors.get("events").get(name);
      assertThat(key.sign(TestVectors.hex(v.get("eventHex")).toByteArray())).as(name).isEqualTo(TestVectors.hex(v.get("signatureHex")));
    }
  }

  @Test void theEncoderWritesEventsByteForByteAsTheOfficialClient() throws Exception {
    for (String name : TestVectors.EVENTS) {
      ByteString raw = TestVectors.hex(vectors.get("events").get(name).get("eventHex"));
      VerifiedEvent event = EventVerifier.verify(io.wya.polycentric.proto.SignedEvent.newBuilder()
          .setEvent(raw).setSignature(seed().sign(raw.toByteArray())).build());
      EventDraft draft = new EventDraft(event.system(), event.process(), event.logicalClock(), event.contentType(), event.content(),
          event.vectorClock(), event.indices(), event.lwwElementSet(), event.lwwElement(), event.references(),
          event.unixMilliseconds());
      assertThat(EventEncoder.encode(draft)).as(name).isEqualTo(raw);
    }
  }

  @Test void theAuthorPublishesWhatTheOfficialClientPublished() throws Exception {
    Event first = Event.parseFrom(TestVectors.hex(vectors.get("events").get("post_clock1").get("eventHex")));
    Clock ticking = new TickingClock(first.getUnixMilliseconds());
    EventAuthor author = new EventAuthor(seed(), ProcessId.of(HexFormat.of().parseHex(vectors.get("processHex").asText())),
        ProcessState.INITIAL, ticking);
    VerifiedEvent post = author.post("hello polycentric");
    VerifiedEvent username = author.username("alice");
    VerifiedEvent follow = author.follow(author.system());
    VerifiedEvent reply = author.post("a reply", List.of(Reference.to(post.pointer())));
    List<VerifiedEvent> published = List.of(post, username, follow, reply);
    for (int i = 0; i < published.size(); i++) {
      JsonNode v = vectors.get("events").get(TestVectors.EVENTS[i]);
      assertThat(published.get(i).signedEventBytes()).as(TestVectors.EVENTS[i]).isEqualTo(TestVectors.hex(v.get("signedEventHex")));
    }
    assertThat(author.state().logicalClock()).isEqualTo(4);
  }

  @Test void theDeleteVectorNamesThePostItDeletes() {
    VerifiedEvent delete = EventVerifier.verify(TestVectors.hex(vectors.get("events").get("deleteOfPost1_clock5").get("signedEventHex")));
    DeleteContent content = DeleteContent.parse(delete.content());
    assertThat(delete.contentType()).isEqualTo(ContentType.DELETE);
    assertThat(content.logicalClock()).isEqualTo(1);
    assertThat(content.contentType()).isEqualTo(ContentType.POST);
    assertThat(content.process()).isEqualTo(delete.process());
  }

  @Test void thePostBodyHoldsTheFiveEventsAndTheQueryParametersDecode() throws Exception {
    Events body = Events.parseFrom(TestVectors.hex(vectors.get("postEventsBodyHex_allFive")));
    assertThat(body.getEventsList()).hasSize(5).allSatisfy(e -> EventVerifier.verify(e));
    byte[] system = Base64Url.decode(vectors.get("systemQueryParam_base64url").asText());
    assertThat(SystemKey.parse(ByteString.copyFrom(system)).key()).isEqualTo(TestVectors.hex(vectors.get("publicKeyHex")));
    var ranges = io.wya.polycentric.proto.RangesForSystem.parseFrom(Base64Url.decode(vectors.get("rangesQueryParam_1to5_base64url").asText()));
    assertThat(ranges.getRangesForProcesses(0).getRanges(0).getLow()).isEqualTo(1);
    assertThat(ranges.getRangesForProcesses(0).getRanges(0).getHigh()).isEqualTo(5);
    var types = io.wya.polycentric.proto.RepeatedUInt64.parseFrom(Base64Url.decode(vectors.get("eventTypesQueryParam_username_avatar_base64url").asText()));
    assertThat(types.getNumbersList()).containsExactly(5L, 9L);
    assertThat(Optional.of(body.getEvents(0).getModerationTagsCount())).contains(0);
  }

  private SigningKey seed() { return SigningKey.fromSeed(HexFormat.of().parseHex(vectors.get("privateKeySeedHex").asText())); }

  /// Advances one millisecond per read, as the client's publishes did when the vectors were made.
  private static final class TickingClock extends Clock {
    private long next;

    TickingClock(long start) { this.next = start; }

    @Override public long millis() { return next++; }

    @Override public Instant instant() { return Instant.ofEpochMilli(millis()); }

    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
  }
}
