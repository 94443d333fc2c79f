package io.wya.gateway.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.wya.gateway.testing.ManualClock;
import io.wya.gateway.testing.Person;
import io.wya.polycentric.ContentType;
import io.wya.polycentric.VerifiedEvent;
import io.wya.polycentric.proto.SignedEvent;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GraphRecordParserTest {
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final Person alice = Person.named("alice", clock);
  private final Person bob = Person.named("bob", clock);

  @Test
  void aFollowBecomesAnEdgeOperationOfItsAuthor() {
    VerifiedEvent follow = alice.follow(bob);
    GraphOp.SetEdge op = (GraphOp.SetEdge) Graph.ops(follow).getFirst();
    assertThat(op.owner()).isEqualTo(alice.id);
    assertThat(op.target()).isEqualTo(bob.id);
    assertThat(op.kind()).isEqualTo(EdgeKind.FOLLOW);
    assertThat(op.value().present()).isTrue();
    assertThat(op.value().stamp().unixMs()).isEqualTo(clock.millis());
    assertThat(op.value().stamp().coordinates()).isEqualTo(EdgeStamp.coordinates(follow.process().id().toByteArray(), follow.logicalClock()));
  }

  @Test
  void unfollowBlockAndUnblockCarryTheirDirection() {
    assertThat(((GraphOp.SetEdge) Graph.ops(alice.unfollow(bob)).getFirst()).value().present()).isFalse();
    GraphOp.SetEdge block = (GraphOp.SetEdge) Graph.ops(alice.block(bob)).getFirst();
    assertThat(block.kind()).isEqualTo(EdgeKind.BLOCK);
    assertThat(block.value().present()).isTrue();
    assertThat(block.value().stamp().rank()).isEqualTo(EdgeStamp.RESTRICTIVE);
    assertThat(((GraphOp.SetEdge) Graph.ops(alice.unblock(bob)).getFirst()).value().stamp().rank()).isEqualTo(EdgeStamp.PERMISSIVE);
  }

  @Test
  void aDeleteOfAFollowNamesItsCoordinates() {
    VerifiedEvent follow = alice.follow(bob);
    GraphOp.DeleteEdge delete = (GraphOp.DeleteEdge) Graph.ops(alice.author.delete(follow)).getFirst();
    assertThat(delete.owner()).isEqualTo(alice.id);
    assertThat(delete.kind()).isEqualTo(EdgeKind.FOLLOW);
    assertThat(delete.coordinates()).isEqualTo(EdgeStamp.coordinates(follow.process().id().toByteArray(), follow.logicalClock()));
  }

  @Test
  void otherContentIsIgnoredEvenWithoutAHeader() {
    VerifiedEvent post = alice.author.post("hello");
    assertThat(GraphRecordParser.parse(post.signedEventBytes().toByteArray(), "3")).isInstanceOf(GraphRecordParser.Ignored.class);
    assertThat(GraphRecordParser.parse(post.signedEventBytes().toByteArray(), null)).isInstanceOf(GraphRecordParser.Ignored.class);
    assertThat(GraphRecordParser.parse(alice.author.delete(post).signedEventBytes().toByteArray(), "1"))
        .isInstanceOf(GraphRecordParser.Ignored.class);
  }

  @Test
  @DisplayName("PRS-11 a record whose signature does not verify is skipped, never applied")
  void forgedSignaturesAreInvalid() {
    VerifiedEvent follow = alice.follow(bob);
    byte[] sig = follow.signature().toByteArray();
    sig[0] ^= 1;
    byte[] forged = SignedEvent.newBuilder().setSignature(ByteString.copyFrom(sig)).setEvent(follow.rawEvent()).build().toByteArray();
    var parsed = GraphRecordParser.parse(forged, Long.toString(ContentType.FOLLOW));
    assertThat(parsed).isInstanceOfSatisfying(GraphRecordParser.Invalid.class, i -> assertThat(i.code()).isEqualTo("INVALID_SIGNATURE"));
  }

  @Test
  void garbageAndMissingValuesAreInvalid() {
    assertThat(GraphRecordParser.parse(new byte[] {1, 2, 3}, "4")).isInstanceOf(GraphRecordParser.Invalid.class);
    assertThat(GraphRecordParser.parse(null, "4")).isInstanceOf(GraphRecordParser.Invalid.class);
  }

  @Test
  void aFollowOfSomethingThatIsNotASystemIsInvalid() {
    VerifiedEvent weird = alice.author.publish(ContentType.FOLLOW, ByteString.EMPTY,
        java.util.Optional.of(new io.wya.polycentric.Lww.SetOperation(true, ByteString.copyFromUtf8("nope"), clock.millis())),
        java.util.Optional.empty(), java.util.List.of());
    assertThat(GraphRecordParser.parse(weird.signedEventBytes().toByteArray(), "4"))
        .isInstanceOfSatisfying(GraphRecordParser.Invalid.class, i -> assertThat(i.code()).isEqualTo("INVALID_TARGET"));
  }

  @Test
  @DisplayName("ADR 0120 an Events record is parsed event by event: a forged one is skipped, the others still apply")
  void anEventsRecordIsParsedEventByEvent() {
    VerifiedEvent post = alice.author.post("hello");
    VerifiedEvent follow = alice.follow(bob);
    byte[] sig = alice.block(bob).signature().toByteArray();
    sig[0] ^= 1;
    VerifiedEvent block = alice.block(bob);
    byte[] forged = SignedEvent.newBuilder().setSignature(ByteString.copyFrom(sig)).setEvent(block.rawEvent()).build().toByteArray();
    byte[] value = events(post.signedEventBytes().toByteArray(), follow.signedEventBytes().toByteArray(), forged);

    List<GraphRecordParser.Parsed> parsed = GraphRecordParser.parseRecord(value, "Events", "3,4,5", null);
    assertThat(parsed).hasSize(3);
    assertThat(parsed.get(0)).isInstanceOf(GraphRecordParser.Ignored.class);
    assertThat(parsed.get(1)).isInstanceOfSatisfying(GraphRecordParser.Ops.class, o -> assertThat(o.ops()).isEqualTo(Graph.ops(follow)));
    assertThat(parsed.get(2)).isInstanceOfSatisfying(GraphRecordParser.Invalid.class, i -> assertThat(i.code()).isEqualTo("INVALID_SIGNATURE"));
  }

  @Test
  void anEventsRecordOfNoInterestIsSkippedUnreadAndAnUnknownValueTypeIsInvalid() {
    assertThat(GraphRecordParser.parseRecord(new byte[] {1, 2, 3}, "Events", "3,9", null)).singleElement()
        .isInstanceOf(GraphRecordParser.Ignored.class);
    assertThat(GraphRecordParser.parseRecord(new byte[] {1, 2, 3}, "Events", "3,4", null)).singleElement()
        .isInstanceOfSatisfying(GraphRecordParser.Invalid.class, i -> assertThat(i.code()).isEqualTo("MALFORMED_EVENTS"));
    assertThat(GraphRecordParser.parseRecord(alice.follow(bob).signedEventBytes().toByteArray(), "Avro", null, null)).singleElement()
        .isInstanceOfSatisfying(GraphRecordParser.Invalid.class, i -> assertThat(i.code()).isEqualTo("UNKNOWN_VALUE_TYPE"));
  }

  @Test
  void aSingleEventRecordOfEarlierReleasesStillParses() {
    VerifiedEvent follow = alice.follow(bob);
    assertThat(GraphRecordParser.parseRecord(follow.signedEventBytes().toByteArray(), null, null, "4")).singleElement()
        .isInstanceOfSatisfying(GraphRecordParser.Ops.class, o -> assertThat(o.ops()).isEqualTo(Graph.ops(follow)));
  }

  private static byte[] events(byte[]... signedEvents) {
    var builder = io.wya.polycentric.proto.Events.newBuilder();
    try {
      for (byte[] e : signedEvents) builder.addEvents(SignedEvent.parseFrom(e));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
    return builder.build().toByteArray();
  }
}
