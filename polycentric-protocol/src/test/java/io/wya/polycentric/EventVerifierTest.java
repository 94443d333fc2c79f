package io.wya.polycentric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.wya.polycentric.proto.Digest;
import io.wya.polycentric.proto.Event;
import io.wya.polycentric.proto.Pointer;
import io.wya.polycentric.proto.PublicKey;
import io.wya.polycentric.proto.SignedEvent;
import java.util.function.UnaryOperator;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/// Every structural and signature rule of `POST /events` (protocol doc §3.2) has its own code.
class EventVerifierTest {
  private static final SigningKey KEY = SigningKey.fromSeed(new byte[32]);

  @Test void aWellFormedSignedEventVerifies() {
    assertThat(EventVerifier.verify(signed(e -> e)).logicalClock()).isEqualTo(1);
  }

  @Test void bytesThatAreNotASignedEventAreMalformed() {
    assertRule(EventVerifier::verify, ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01}), "MALFORMED_EVENT");
  }

  @Test void anEventFieldThatIsNotAnEventIsMalformed() {
    SignedEvent s = SignedEvent.newBuilder().setSignature(ByteString.copyFrom(new byte[64])).setEvent(ByteString.copyFrom(new byte[] {0x0a, 0x05})).build();
    assertRule(s, "MALFORMED_EVENT");
  }

  @Test void systemMustBePresentEd25519And32BytesOnTheCurve() {
    assertRule(signed(e -> e.clearSystem()), "INVALID_SYSTEM");
    assertRule(signed(e -> e.setSystem(e.getSystem().toBuilder().setKeyType(2))), "INVALID_SYSTEM");
    assertRule(signed(e -> e.setSystem(e.getSystem().toBuilder().setKey(e.getSystem().getKey().substring(1)))), "INVALID_SYSTEM");
    assertRule(signed(e -> e.setSystem(PublicKey.newBuilder().setKeyType(1).setKey(notAPoint()))), "INVALID_SYSTEM");
  }

  @Test void processMustBe16Bytes() {
    assertRule(signed(e -> e.setProcess(e.getProcess().toBuilder().setProcess(ByteString.copyFrom(new byte[15])))), "INVALID_PROCESS");
    assertRule(signed(e -> e.clearProcess()), "INVALID_PROCESS");
  }

  @Test void vectorClockAndIndicesMustBePresent() {
    assertRule(signed(e -> e.clearVectorClock()), "MISSING_VECTOR_CLOCK");
    assertRule(signed(e -> e.clearIndices()), "MISSING_INDICES");
  }

  @Test void clocksAndTimesMustFitASignedLong() {
    assertRule(signed(e -> e.setLogicalClock(-1L)), "CLOCK_OUT_OF_RANGE");
    assertRule(signed(e -> e.setUnixMilliseconds(Long.MIN_VALUE)), "TIME_OUT_OF_RANGE");
  }

  @Test void referencesMustHaveAKnownTypeAndAParsableBody() {
    assertRule(signed(e -> e.addReferences(ref(4, ByteString.EMPTY))), "INVALID_REFERENCE");
    assertRule(signed(e -> e.addReferences(ref(1, ByteString.copyFrom(new byte[] {1, 2, 3})))), "INVALID_REFERENCE");
    Pointer good = Pointer.newBuilder().setSystem(KEY.system().toProto()).setProcess(process().toProto()).setLogicalClock(1)
        .setEventDigest(Digest.newBuilder().setDigestType(1).setDigest(ByteString.copyFrom(new byte[32]))).build();
    assertThat(EventVerifier.verify(signed(e -> e.addReferences(ref(2, good.toByteString())))).references()).hasSize(1);
    assertRule(signed(e -> e.addReferences(ref(2, good.toBuilder().setEventDigest(good.getEventDigest().toBuilder().setDigestType(2)).build().toByteString()))),
        "INVALID_REFERENCE");
    assertRule(signed(e -> e.addReferences(ref(2, good.toBuilder().setEventDigest(good.getEventDigest().toBuilder().setDigest(ByteString.copyFrom(new byte[31]))).build().toByteString()))),
        "INVALID_REFERENCE");
    assertRule(signed(e -> e.addReferences(ref(2, good.toBuilder().setProcess(good.getProcess().toBuilder().setProcess(ByteString.EMPTY)).build().toByteString()))),
        "INVALID_REFERENCE");
    assertThat(EventVerifier.verify(signed(e -> e.addReferences(ref(3, ByteString.copyFromUtf8("https://example.com/v"))))).references())
        .singleElement().isInstanceOf(Reference.ToBytes.class);
  }

  @Test void theSignatureMustBe64BytesAndVerify() {
    SignedEvent good = signed(e -> e);
    assertRule(good.toBuilder().setSignature(good.getSignature().substring(1)).build(), "INVALID_SIGNATURE");
    byte[] flipped = good.getSignature().toByteArray();
    flipped[3] ^= 1;
    assertRule(good.toBuilder().setSignature(ByteString.copyFrom(flipped)).build(), "INVALID_SIGNATURE");
    byte[] event = good.getEvent().toByteArray();
    event[event.length - 1] ^= 1;
    assertRule(good.toBuilder().setEvent(ByteString.copyFrom(event)).build(), "INVALID_SIGNATURE");
  }

  @Test void aKeyDecodedForOneEventOfABatchStillChecksEverySignature() {
    EventVerifier.DecodedKeys keys = new EventVerifier.DecodedKeys();
    SignedEvent good = signed(e -> e);
    assertThat(EventVerifier.verify(good, keys).logicalClock()).isEqualTo(1);
    byte[] flipped = good.getSignature().toByteArray();
    flipped[5] ^= 1;
    assertThatThrownBy(() -> EventVerifier.verify(good.toBuilder().setSignature(ByteString.copyFrom(flipped)).build(), keys))
        .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.code()).isEqualTo("INVALID_SIGNATURE"));
    SignedEvent other = signed(e -> e.setLogicalClock(2));
    assertThat(EventVerifier.verify(other, keys).logicalClock()).isEqualTo(2);
  }

  @Test void moderationTagsSentByClientsAreNotKept() {
    SignedEvent tagged = signed(e -> e).toBuilder()
        .addModerationTags(io.wya.polycentric.proto.ModerationTag.newBuilder().setName("hate").setLevel(0)).build();
    assertThat(EventVerifier.verify(tagged).toSignedEvent().getModerationTagsCount()).isZero();
  }

  static Event.Builder base() {
    return Event.newBuilder().setSystem(KEY.system().toProto()).setProcess(process().toProto()).setLogicalClock(1).setContentType(3)
        .setVectorClock(io.wya.polycentric.proto.VectorClock.getDefaultInstance())
        .setIndices(io.wya.polycentric.proto.Indices.getDefaultInstance()).setUnixMilliseconds(1000);
  }

  static SignedEvent signed(UnaryOperator<Event.Builder> change) {
    ByteString raw = change.apply(base()).build().toByteString();
    return SignedEvent.newBuilder().setEvent(raw).setSignature(KEY.sign(raw.toByteArray())).build();
  }

  private static ProcessId process() { return ProcessId.of(new byte[16]); }

  private static io.wya.polycentric.proto.Reference ref(long type, ByteString body) {
    return io.wya.polycentric.proto.Reference.newBuilder().setReferenceType(type).setReference(body).build();
  }

  /// The first 32-byte y coordinate (small little-endian values) that has no point on the curve.
  static ByteString notAPoint() {
    for (int b = 2; b < 256; b++) {
      byte[] key = new byte[32];
      key[0] = (byte) b;
      if (!Ed25519.validatePublicKeyPartial(key, 0)) return ByteString.copyFrom(key);
    }
    throw new IllegalStateException("no invalid point found");
  }

  private static void assertRule(SignedEvent s, String code) { assertRule(EventVerifier::verify, s.toByteString(), code); }

  private static void assertRule(java.util.function.Function<ByteString, VerifiedEvent> verify, ByteString bytes, String code) {
    assertThatThrownBy(() -> verify.apply(bytes)).isInstanceOf(WireException.class).extracting(e -> ((WireException) e).code()).isEqualTo(code);
  }
}
