package io.wya.gateway.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wya.gateway.protocol.UserId;
import io.wya.gateway.testing.ManualClock;
import io.wya.gateway.testing.Person;
import io.wya.polycentric.EventAuthor;
import io.wya.polycentric.VerifiedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The behaviour every [ContactsProjection] must have (run against memory and Redis).
abstract class ContactsProjectionContract {
  protected final ManualClock clock = new ManualClock(1_700_000_000_000L);
  protected final Person alice = Person.named("alice", clock);
  protected final Person bob = Person.named("bob", clock);
  protected final Person carol = Person.named("carol", clock);
  private ContactsProjection projection;
  private String generation;
  private long nextOffset;

  protected abstract ContactsProjection newProjection();

  /// Makes the projection forget everything, its generation included (a flushed store).
  protected abstract void lose(ContactsProjection projection);

  @BeforeEach
  void open() {
    projection = newProjection();
    ContactsProjection.Generation g = projection.open().await();
    assertThat(g.created()).isTrue();
    assertThat(g.nextOffsets()).isEmpty();
    generation = g.id();
    nextOffset = 0;
  }

  private List<ContactFlip> apply(VerifiedEvent... events) {
    List<ContactsProjection.OffsetOp> ops = Graph.records(nextOffset, events);
    nextOffset += events.length;
    var outcome = projection.apply(generation, 0, nextOffset - 1, ops).await();
    assertThat(outcome).isInstanceOf(ContactsProjection.Applied.class);
    return ((ContactsProjection.Applied) outcome).flips();
  }

  private boolean contacts(Person a, Person b) {
    boolean ab = projection.areContacts(a.id, List.of(b.id)).await().getFirst();
    boolean ba = projection.areContacts(b.id, List.of(a.id)).await().getFirst();
    assertThat(ab).as("the relation is symmetric").isEqualTo(ba);
    return ab;
  }

  private void tick() { clock.advance(Duration.ofMillis(10)); }

  @Test
  @DisplayName("PRS-11 mutual follows make two users contacts, and the flip names them")
  void mutualFollowsMakeContacts() {
    assertThat(apply(alice.follow(bob))).isEmpty();
    assertThat(contacts(alice, bob)).isFalse();
    tick();
    assertThat(apply(bob.follow(alice))).containsExactly(new ContactFlip(bob.id, alice.id, true));
    assertThat(contacts(alice, bob)).isTrue();
    assertThat(contacts(alice, carol)).isFalse();
  }

  @Test
  @DisplayName("PRS-11 an unfollow ends the contact")
  void unfollowEndsContact() {
    apply(alice.follow(bob), bob.follow(alice));
    tick();
    assertThat(apply(alice.unfollow(bob))).containsExactly(new ContactFlip(alice.id, bob.id, false));
    assertThat(contacts(alice, bob)).isFalse();
  }

  @Test
  @DisplayName("PRS-11 a block in either direction ends the contact both ways; an unblock restores it")
  void blockInEitherDirectionEndsContact() {
    apply(alice.follow(bob), bob.follow(alice));
    tick();
    assertThat(apply(bob.block(alice))).containsExactly(new ContactFlip(bob.id, alice.id, false));
    assertThat(contacts(alice, bob)).isFalse();
    tick();
    assertThat(apply(bob.unblock(alice))).containsExactly(new ContactFlip(bob.id, alice.id, true));
    tick();
    apply(alice.block(bob));
    assertThat(contacts(alice, bob)).isFalse();
  }

  @Test
  @DisplayName("PRS-11 the latest unix_milliseconds wins even when it arrives first")
  void olderOperationsArrivingLateLose() {
    clock.advance(Duration.ofSeconds(1));
    VerifiedEvent laterUnfollow = alice.unfollow(bob);
    clock.advance(Duration.ofSeconds(-1));
    EventAuthor otherDevice = alice.otherProcess(clock);
    VerifiedEvent earlierFollow = otherDevice.follow(bob.system());
    apply(bob.follow(alice), laterUnfollow, earlierFollow);
    assertThat(contacts(alice, bob)).isFalse();
  }

  @Test
  @DisplayName("PRS-11 a tie on time resolves to unfollow and to block, in either arrival order")
  void tiesResolveToTheRestrictiveOperation() {
    apply(bob.follow(alice));
    EventAuthor phone = alice.otherProcess(clock);
    VerifiedEvent follow = alice.follow(bob);
    VerifiedEvent unfollow = phone.unfollow(bob.system());
    apply(follow, unfollow);
    assertThat(contacts(alice, bob)).isFalse();
    Person dave = Person.named("dave", clock);
    EventAuthor davePhone = dave.otherProcess(clock);
    apply(dave.follow(bob), bob.follow(dave));
    tick();
    VerifiedEvent block = dave.block(bob);
    VerifiedEvent unblock = davePhone.unblock(bob.system());
    apply(unblock, block);
    assertThat(contacts(dave, bob)).isFalse();
  }

  @Test
  @DisplayName("PRS-11 the merge does not depend on the order of arrival")
  void mergeIsOrderIndependent() {
    List<VerifiedEvent> events = new ArrayList<>();
    EventAuthor alicePhone = alice.otherProcess(clock);
    EventAuthor bobPhone = bob.otherProcess(clock);
    for (int i = 0; i < 12; i++) {
      events.add(i % 3 == 0 ? alice.follow(bob) : i % 3 == 1 ? alicePhone.unfollow(bob.system()) : alice.follow(bob));
      events.add(i % 2 == 0 ? bob.follow(alice) : bobPhone.block(alice.system()));
      if (i % 4 == 3) events.add(bobPhone.unblock(alice.system()));
      if (i % 5 != 4) tick();
    }
    Random random = new Random(42);
    Boolean expected = null;
    for (int round = 0; round < 6; round++) {
      ContactsProjection fresh = newProjection();
      String gen = fresh.open().await().id();
      List<VerifiedEvent> order = new ArrayList<>(events);
      Collections.shuffle(order, random);
      fresh.apply(gen, 0, order.size() - 1, Graph.records(0, order.toArray(VerifiedEvent[]::new))).await();
      boolean result = fresh.areContacts(alice.id, List.of(bob.id)).await().getFirst();
      if (expected == null) expected = result;
      assertThat(result).as("order " + round).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("PRS-11 records at or below the stored offset are not applied again (at-least-once delivery)")
  void replayedRecordsAreSkipped() {
    VerifiedEvent follow = alice.follow(bob);
    VerifiedEvent back = bob.follow(alice);
    apply(follow, back);
    tick();
    VerifiedEvent unfollow = alice.unfollow(bob);
    apply(unfollow);
    assertThat(projection.apply(generation, 0, 1, Graph.records(0, follow, back)).await())
        .isInstanceOf(ContactsProjection.AlreadyApplied.class);
    var overlap = projection.apply(generation, 0, 3, Graph.records(1, back, unfollow, alice.follow(carol))).await();
    assertThat(overlap).isInstanceOf(ContactsProjection.Applied.class);
    assertThat(contacts(alice, bob)).isFalse();
    assertThat(projection.open().await().nextOffsets()).containsEntry(0, 4L);
  }

  @Test
  void offsetsArePerPartition() {
    projection.apply(generation, 0, 9, Graph.records(9, alice.follow(bob))).await();
    projection.apply(generation, 3, 41, Graph.records(41, bob.follow(alice))).await();
    assertThat(projection.open().await().nextOffsets()).containsEntry(0, 10L).containsEntry(3, 42L);
    assertThat(contacts(alice, bob)).isTrue();
    assertThat(projection.apply(generation, 3, 41, List.of()).await()).isInstanceOf(ContactsProjection.AlreadyApplied.class);
  }

  @Test
  @DisplayName("PRS-11 a DELETE of the winning follow removes it; a DELETE of a superseded one changes nothing")
  void deletesRemoveTheWinningOperationOnly() {
    VerifiedEvent first = alice.follow(bob);
    apply(first, bob.follow(alice));
    tick();
    VerifiedEvent second = alice.follow(bob);
    apply(second);
    tick();
    assertThat(apply(alice.author.delete(first))).isEmpty();
    assertThat(contacts(alice, bob)).isTrue();
    tick();
    assertThat(apply(alice.author.delete(second))).containsExactly(new ContactFlip(alice.id, bob.id, false));
    assertThat(contacts(alice, bob)).isFalse();
    assertThat(apply(second)).as("the deleted follow, delivered again, stays deleted").isEmpty();
    assertThat(contacts(alice, bob)).isFalse();
    tick();
    apply(alice.follow(bob));
    assertThat(contacts(alice, bob)).isTrue();
  }

  @Test
  void nobodyIsTheirOwnContact() {
    apply(alice.author.follow(alice.system()));
    assertThat(projection.areContacts(alice.id, List.of(alice.id)).await()).containsExactly(false);
  }

  @Test
  void manyUsersAreAnsweredInOrder() {
    apply(alice.follow(bob), bob.follow(alice), alice.follow(carol));
    UserId stranger = Person.named("stranger", clock).id;
    assertThat(projection.areContacts(alice.id, List.of(carol.id, bob.id, stranger)).await()).containsExactly(false, true, false);
  }

  @Test
  @DisplayName("PRS-11 a lost projection says so: applies report the generation lost, queries fail, open starts a new one")
  void aLostProjectionIsDetected() {
    apply(alice.follow(bob), bob.follow(alice));
    lose(projection);
    assertThat(projection.apply(generation, 0, 2, Graph.records(2, carol.follow(bob))).await())
        .isInstanceOf(ContactsProjection.GenerationLost.class);
    assertThatThrownBy(() -> projection.areContacts(alice.id, List.of(bob.id)).await())
        .isInstanceOf(ContactsProjection.ProjectionUnavailable.class);
    ContactsProjection.Generation next = projection.open().await();
    assertThat(next.created()).isTrue();
    assertThat(next.id()).isNotEqualTo(generation);
    assertThat(next.nextOffsets()).isEmpty();
    assertThat(projection.areContacts(alice.id, List.of(bob.id)).await()).containsExactly(false);
  }
}
