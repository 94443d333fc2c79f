package io.wya.social.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.wya.polycentric.VerifiedEvent;
import io.wya.social.support.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  private final ContentRules rules = new ContentRules(10_000);
  private final List<Transaction> transactions = new ArrayList<>();

  /// One write the fake database received; the test decides when and how it ends.
  private record Transaction(List<AcceptedEvent> events, boolean exclusive, UniEmitter<? super List<Integer>> outcome) {
    void commitAll() { outcome.complete(IntStream.range(0, events.size()).boxed().toList()); }

    void commit(Integer... positions) { outcome.complete(List.of(positions)); }

    void fail() { outcome.fail(new IllegalStateException("connection lost")); }
  }

  private GroupCommit groupCommit(int maxTransactions, int maxEventsPerTransaction, int maxWaiting) {
    return new GroupCommit((events, exclusive) -> Uni.createFrom().emitter(e -> transactions.add(new Transaction(events, exclusive, e))),
        maxTransactions, maxEventsPerTransaction, maxWaiting);
  }

  private IngestPlan posts(Identity author, int count) {
    List<AcceptedEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) events.add(rules.accept(author.author.post("post " + i)));
    return IngestPlan.of(events);
  }

  private static UniAssertSubscriber<List<AcceptedEvent>> submit(GroupCommit writes, IngestPlan plan) {
    return writes.append(plan).subscribe().withSubscriber(UniAssertSubscriber.create());
  }

  @Test void anIdleNodeWritesEachBatchAtOnceAndAlone() {
    GroupCommit writes = groupCommit(2, 500, 10);
    IngestPlan a = posts(Identity.create(), 3), b = posts(Identity.create(), 2);
    var first = submit(writes, a);
    var second = submit(writes, b);
    assertThat(transactions).extracting(Transaction::events).containsExactly(a.events(), b.events());
    transactions.get(1).commitAll();
    transactions.get(0).commitAll();
    assertThat(first.awaitItem().getItem()).isEqualTo(a.events());
    assertThat(second.awaitItem().getItem()).isEqualTo(b.events());
  }

  @Test void batchesWaitingForABusyNodeShareTheNextTransactionAndEachLearnsWhatWasNewOfIts() {
    GroupCommit writes = groupCommit(1, 500, 10);
    var busy = submit(writes, posts(Identity.create(), 1));
    IngestPlan a = posts(Identity.create(), 3), b = posts(Identity.create(), 2);
    var first = submit(writes, a);
    var second = submit(writes, b);
    assertThat(transactions).hasSize(1);
    assertThat(writes.waiting()).isEqualTo(2);

    transactions.getFirst().commitAll();
    busy.awaitItem();
    assertThat(transactions).hasSize(2);
    Transaction shared = transactions.get(1);
    assertThat(shared.events()).containsExactlyElementsOf(concat(a.events(), b.events()));
    assertThat(shared.exclusive()).isFalse();
    shared.commit(1, 3); // a's second event and b's first were new; the rest were already stored
    assertThat(first.awaitItem().getItem()).containsExactly(a.events().get(1));
    assertThat(second.awaitItem().getItem()).containsExactly(b.events().get(0));
  }

  @Test void aSharedTransactionTakesNoMoreEventsThanItsLimitAndABiggerBatchRunsAlone() {
    GroupCommit writes = groupCommit(1, 5, 10);
    submit(writes, posts(Identity.create(), 1));
    IngestPlan three = posts(Identity.create(), 3), big = posts(Identity.create(), 7), two = posts(Identity.create(), 2),
        one = posts(Identity.create(), 1);
    submit(writes, three);
    submit(writes, big);
    submit(writes, two);
    submit(writes, one);
    transactions.get(0).commitAll();
    assertThat(transactions.get(1).events()).as("three + two; big does not fit, one would exceed 5")
        .containsExactlyElementsOf(concat(three.events(), two.events()));
    transactions.get(1).commitAll();
    assertThat(transactions.get(2).events()).isEqualTo(big.events());
    transactions.get(2).commitAll();
    assertThat(transactions.get(3).events()).isEqualTo(one.events());
  }

  @Test void aBatchWithADeleteIsWrittenAloneWithExclusiveLocks() {
    GroupCommit writes = groupCommit(1, 500, 10);
    submit(writes, posts(Identity.create(), 1));
    Identity author = Identity.create();
    VerifiedEvent post = author.author.post("to delete");
    IngestPlan deleting = IngestPlan.of(List.of(rules.accept(author.author.delete(post))));
    IngestPlan a = posts(Identity.create(), 2), b = posts(Identity.create(), 2);
    submit(writes, deleting);
    submit(writes, a);
    submit(writes, b);
    transactions.get(0).commitAll();
    assertThat(transactions.get(1).events()).isEqualTo(deleting.events());
    assertThat(transactions.get(1).exclusive()).isTrue();
    transactions.get(1).commitAll();
    assertThat(transactions.get(2).events()).containsExactlyElementsOf(concat(a.events(), b.events()));
    assertThat(transactions.get(2).exclusive()).isFalse();
  }

  @Test void anEventInTwoBatchesOfOneGroupIsWrittenOnceForTheEarlierBatch() {
    GroupCommit writes = groupCommit(1, 500, 10);
    submit(writes, posts(Identity.create(), 1));
    Identity author = Identity.create();
    AcceptedEvent shared = rules.accept(author.author.post("sent twice"));
    AcceptedEvent onlySecond = rules.accept(author.author.post("only in the second"));
    var first = submit(writes, IngestPlan.of(List.of(shared)));
    var second = submit(writes, IngestPlan.of(List.of(shared, onlySecond)));
    transactions.get(0).commitAll();
    assertThat(transactions.get(1).events()).containsExactly(shared, onlySecond);
    transactions.get(1).commitAll();
    assertThat(first.awaitItem().getItem()).containsExactly(shared);
    assertThat(second.awaitItem().getItem()).containsExactly(onlySecond);
  }

  @Test void whenASharedTransactionFailsEachBatchIsRetriedAloneAndOnlyItsOwnFailureReachesIt() {
    GroupCommit writes = groupCommit(1, 500, 10);
    submit(writes, posts(Identity.create(), 1));
    IngestPlan a = posts(Identity.create(), 2), b = posts(Identity.create(), 2), later = posts(Identity.create(), 1);
    var first = submit(writes, a);
    var second = submit(writes, b);
    transactions.get(0).commitAll();
    transactions.get(1).fail();
    submit(writes, later);
    assertThat(transactions.get(2).events()).as("a alone, before anything newer").isEqualTo(a.events());
    transactions.get(2).commitAll();
    assertThat(transactions.get(3).events()).as("b alone, not shared with the newer batch").isEqualTo(b.events());
    transactions.get(3).fail();
    assertThat(first.awaitItem().getItem()).isEqualTo(a.events());
    assertThat(second.awaitFailure().getFailure()).hasMessage("connection lost");
    assertThat(transactions.get(4).events()).isEqualTo(later.events());
  }

  @Test void beyondTheWaitingLimitABatchIsRefusedAsBusyAndNothingIsWritten() {
    GroupCommit writes = groupCommit(1, 500, 1);
    submit(writes, posts(Identity.create(), 1));
    submit(writes, posts(Identity.create(), 1));
    var refused = submit(writes, posts(Identity.create(), 1));
    assertThat(refused.awaitFailure().getFailure()).isInstanceOfSatisfying(IngestException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.code()).isEqualTo("INGEST_BUSY");
    });
    assertThat(transactions).hasSize(1);
    assertThat(writes.waiting()).isEqualTo(1);
  }

  @Test void aWriterThatThrowsFailsOnlyItsBatchAndFreesTheTransaction() {
    List<Integer> calls = new ArrayList<>();
    GroupCommit writes = new GroupCommit((events, exclusive) -> {
      calls.add(events.size());
      if (calls.size() == 1) throw new IllegalStateException("pool closed");
      return Uni.createFrom().item(List.of(0));
    }, 1, 500, 10);
    var failed = submit(writes, posts(Identity.create(), 1));
    var next = submit(writes, posts(Identity.create(), 1));
    assertThat(failed.awaitFailure().getFailure()).hasMessage("pool closed");
    assertThat(next.awaitItem().getItem()).hasSize(1);
  }

  /// A clock the test moves and a timer whose tasks the test runs (ADR 0113's gather).
  private static final class ManualTime {
    long now;
    final List<long[]> dueAt = new ArrayList<>();
    final List<Runnable> tasks = new ArrayList<>();

    GroupCommit.Gather gather(long nanos) {
      return new GroupCommit.Gather(nanos, () -> now, (delay, task) -> {
        dueAt.add(new long[] {now + delay});
        tasks.add(task);
      });
    }

    /// Moves the clock and runs the tasks that are due.
    void advance(long nanos) {
      now += nanos;
      for (int i = 0; i < tasks.size(); i++) {
        if (dueAt.get(i)[0] <= now) {
          dueAt.remove(i);
          tasks.remove(i--).run();
        }
      }
    }
  }

  private final ManualTime time = new ManualTime();

  private GroupCommit gathering(int maxTransactions, int maxEventsPerTransaction) {
    return new GroupCommit((events, exclusive) -> Uni.createFrom().emitter(e -> transactions.add(new Transaction(events, exclusive, e))),
        maxTransactions, maxEventsPerTransaction, 10, time.gather(10_000_000), batches -> {});
  }

  @Test void whileATransactionRunsNewBatchesWaitForCompanyUntilTheGatherEndsThenShareOne() {
    GroupCommit writes = gathering(2, 500);
    IngestPlan running = posts(Identity.create(), 1);
    submit(writes, running);
    assertThat(transactions).as("an idle node writes at once").hasSize(1);
    IngestPlan a = posts(Identity.create(), 2), b = posts(Identity.create(), 3);
    submit(writes, a);
    time.advance(4_000_000);
    submit(writes, b);
    time.advance(5_000_000);
    assertThat(transactions).as("a free slot, but a has waited 9 of 10 ms").hasSize(1);
    time.advance(1_000_000);
    assertThat(transactions).hasSize(2);
    assertThat(transactions.get(1).events()).containsExactlyElementsOf(concat(a.events(), b.events()));
  }

  @Test void whenTheRunningTransactionEndsTheGatheredBatchesStartAtOnce() {
    GroupCommit writes = gathering(2, 500);
    submit(writes, posts(Identity.create(), 1));
    IngestPlan a = posts(Identity.create(), 2), b = posts(Identity.create(), 3);
    var first = submit(writes, a);
    submit(writes, b);
    transactions.getFirst().commitAll();
    assertThat(transactions).hasSize(2);
    assertThat(transactions.get(1).events()).containsExactlyElementsOf(concat(a.events(), b.events()));
    transactions.get(1).commitAll();
    assertThat(first.awaitItem().getItem()).isEqualTo(a.events());
    time.advance(10_000_000);
    assertThat(transactions).as("the gather's timer finds nothing left to start").hasSize(2);
  }

  @Test void batchesThatFillATransactionStartWithoutWaitingForTheGather() {
    GroupCommit writes = gathering(2, 5);
    submit(writes, posts(Identity.create(), 1));
    IngestPlan three = posts(Identity.create(), 3), two = posts(Identity.create(), 2);
    submit(writes, three);
    assertThat(transactions).hasSize(1);
    submit(writes, two);
    assertThat(transactions).hasSize(2);
    assertThat(transactions.get(1).events()).containsExactlyElementsOf(concat(three.events(), two.events()));
  }

  @Test void aBatchThatCannotShareDoesNotWaitForCompany() {
    GroupCommit writes = gathering(2, 500);
    submit(writes, posts(Identity.create(), 1));
    Identity author = Identity.create();
    IngestPlan deleting = IngestPlan.of(List.of(rules.accept(author.author.delete(author.author.post("to delete")))));
    submit(writes, deleting);
    assertThat(transactions).hasSize(2);
    assertThat(transactions.get(1).exclusive()).isTrue();
  }

  private static List<AcceptedEvent> concat(List<AcceptedEvent> a, List<AcceptedEvent> b) {
    List<AcceptedEvent> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
