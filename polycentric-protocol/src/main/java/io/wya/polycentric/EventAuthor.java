package io.wya.polycentric;

import com.google.protobuf.ByteString;
import io.wya.polycentric.proto.Claim;
import io.wya.polycentric.proto.ClaimFieldEntry;
import io.wya.polycentric.proto.SignedEvent;
import io.wya.polycentric.proto.SystemProcesses;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/// Builds and signs the events of one process of one system, the way the official client does:
/// each publish takes the next logical clock, carries the indices of the process state before it
/// and the current vector clock, and is stamped with the injected clock's time. Not thread-safe:
/// one author per process.
public final class EventAuthor {
  private final SigningKey key;
  private final ProcessId process;
  private final Clock clock;
  private ProcessState state;

  public EventAuthor(SigningKey key, ProcessId process, ProcessState state, Clock clock) {
    this.key = key;
    this.process = process;
    this.state = state;
    this.clock = clock;
  }

  public SystemKey system() { return key.system(); }

  public ProcessId process() { return process; }

  /// The state to persist after publishing.
  public ProcessState state() { return state; }

  /// Sets the heads of the system's other processes that later events carry as their vector clock.
  public void observeOtherProcesses(List<Long> heads) { state = state.withVectorClock(heads); }

  public VerifiedEvent post(String text) { return post(text, List.of()); }

  /// A post; with a pointer reference it is a reply or comment, with a bytes reference a topic post.
  public VerifiedEvent post(String text, List<Reference> references) {
    return publish(ContentType.POST, EventEncoder.post(text), Optional.empty(), Optional.empty(), references);
  }

  public VerifiedEvent username(String name) { return element(ContentType.USERNAME, ByteString.copyFromUtf8(name)); }

  public VerifiedEvent description(String text) { return element(ContentType.DESCRIPTION, ByteString.copyFromUtf8(text)); }

  public VerifiedEvent follow(SystemKey other) { return setOperation(ContentType.FOLLOW, true, other.encoded()); }

  public VerifiedEvent unfollow(SystemKey other) { return setOperation(ContentType.FOLLOW, false, other.encoded()); }

  public VerifiedEvent block(SystemKey other) { return setOperation(ContentType.BLOCK, true, other.encoded()); }

  public VerifiedEvent unblock(SystemKey other) { return setOperation(ContentType.BLOCK, false, other.encoded()); }

  public VerifiedEvent addServer(String url) { return setOperation(ContentType.SERVER, true, ByteString.copyFromUtf8(url)); }

  public VerifiedEvent removeServer(String url) { return setOperation(ContentType.SERVER, false, ByteString.copyFromUtf8(url)); }

  /// Like, dislike or neutral on `subject` (an event pointer or a bytes subject).
  public VerifiedEvent opinion(Reference subject, Opinion opinion) {
    long now = clock.millis();
    return publish(ContentType.OPINION, ByteString.EMPTY, Optional.empty(), Optional.of(new Lww.Element(opinion.value(), now)),
        List.of(subject), now);
  }

  /// A claim (`Claim{claim_type, claim_fields}`); identifier claims put their field under key 0.
  public VerifiedEvent claim(long claimType, Map<Long, String> fields) {
    Claim.Builder claim = Claim.newBuilder().setClaimType(claimType);
    new TreeMap<>(fields).forEach((k, v) -> claim.addClaimFields(ClaimFieldEntry.newBuilder().setKey(k).setValue(v)));
    return publish(ContentType.CLAIM, claim.build().toByteString(), Optional.empty(), Optional.empty(), List.of());
  }

  /// A vouch for another system's claim event.
  public VerifiedEvent vouch(EventPointer claim) {
    return publish(ContentType.VOUCH, ByteString.EMPTY, Optional.empty(), Optional.empty(), List.of(Reference.to(claim)));
  }

  /// The system's other processes, whose heads later events carry as the vector clock.
  public VerifiedEvent systemProcesses(List<ProcessId> others) {
    SystemProcesses.Builder content = SystemProcesses.newBuilder();
    others.forEach(p -> content.addProcesses(p.toProto()));
    return publish(ContentType.SYSTEM_PROCESSES, content.build().toByteString(), Optional.empty(), Optional.empty(), List.of());
  }

  /// Deletes one of this system's events; the Delete copies the target's indices, time and type.
  public VerifiedEvent delete(VerifiedEvent target) {
    if (!target.system().equals(system())) throw new IllegalArgumentException("a system can only delete its own events");
    ByteString content = EventEncoder.delete(target.process(), target.logicalClock(), target.indices(), target.unixMilliseconds(),
        target.contentType());
    return publish(ContentType.DELETE, content, Optional.empty(), Optional.empty(), List.of());
  }

  /// Any other event type, carried opaquely.
  public VerifiedEvent publish(long contentType, ByteString content, Optional<Lww.SetOperation> set, Optional<Lww.Element> element,
                               List<Reference> references) {
    return publish(contentType, content, set, element, references, clock.millis());
  }

  private VerifiedEvent element(long contentType, ByteString value) {
    long now = clock.millis();
    return publish(contentType, ByteString.EMPTY, Optional.empty(), Optional.of(new Lww.Element(value, now)), List.of(), now);
  }

  private VerifiedEvent setOperation(long contentType, boolean add, ByteString value) {
    long now = clock.millis();
    return publish(contentType, ByteString.EMPTY, Optional.of(new Lww.SetOperation(add, value, now)), Optional.empty(), List.of(), now);
  }

  private VerifiedEvent publish(long contentType, ByteString content, Optional<Lww.SetOperation> set, Optional<Lww.Element> element,
                                List<Reference> references, long now) {
    ProcessState next = state.published(contentType);
    EventDraft draft = new EventDraft(system(), process, next.logicalClock(), contentType, content, state.vectorClock(),
        state.latestByType(), set, element, references, OptionalLong.of(now));
    VerifiedEvent event = sign(key, draft);
    state = next;
    return event;
  }

  /// Encodes and signs a draft as is (tests and tools that need exact control over every field).
  public static VerifiedEvent sign(SigningKey key, EventDraft draft) {
    if (!draft.system().equals(key.system())) throw new IllegalArgumentException("the draft's system is not this key's");
    ByteString raw = EventEncoder.encode(draft);
    SignedEvent signed = SignedEvent.newBuilder().setSignature(key.sign(raw.toByteArray())).setEvent(raw).build();
    return EventVerifier.verify(signed);
  }
}
