package io.wya.social.ingest;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.wya.polycentric.EventKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/// Group commit of concurrent batches (ADR 0109): at most `maxTransactions` write transactions
/// run at once; batches that arrive while they are all busy wait, and the next free transaction
/// takes as many waiting batches as fit in `maxEventsPerTransaction`. A transaction's fixed cost
/// (statement start, locks, commit) is then paid once per group instead of once per batch, and
/// only when the node is busy: an idle node writes each batch at once, alone.
///
/// While a transaction runs, another starts only once its first batch has waited `gather`
/// (or the waiting batches fill a transaction), not as soon as a slot is free (ADR 0113). Under
/// steady load the batches that arrive during one transaction then go into the next together
/// instead of into one small transaction each, and the second slot still takes over when a
/// transaction is slow (a lock wait, a large batch). An idle node still writes at once.
///
/// Each batch stays atomic: it is written whole inside one transaction or not at all. If a shared
/// transaction fails, its batches are retried alone (at the head of the queue), so one batch's
/// failure is never another's. Batches with a DELETE are always written alone (they take their
/// systems' locks exclusively). An event that two batches of one group both carry is written
/// once, for the earlier batch: to the later one it is not new, exactly as if the two had been
/// written one after the other.
///
/// Outcomes are delivered on the Vert.x context that submitted the batch.
public final class GroupCommit {
  /// Writes events in one transaction; returns the positions (0-based) of those that were new.
  @FunctionalInterface
  public interface Writer {
    Uni<List<Integer>> write(List<AcceptedEvent> events, boolean exclusive);
  }

  /// Runs a task after a delay (a Vert.x timer in the node).
  @FunctionalInterface
  public interface Timer {
    void schedule(long delayNanos, Runnable task);
  }

  /// How long a batch waits for company while another transaction runs, and the clocks for it.
  /// `NONE` starts a transaction whenever a slot is free.
  public record Gather(long nanos, LongSupplier clock, Timer timer) {
    public static final Gather NONE = new Gather(0, System::nanoTime, (delay, task) -> { throw new IllegalStateException("no timer"); });

    public Gather {
      if (nanos < 0) throw new IllegalArgumentException("gather must not be negative");
    }
  }

  private final Writer writer;
  private final IntConsumer batchesPerTransaction;
  private final int maxTransactions;
  private final int maxEventsPerTransaction;
  private final int maxWaiting;
  private final Gather gather;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private int running;
  private int waitingEvents;
  private boolean gatherTimerSet;

  /// @param maxTransactions         write transactions at once (≥ 1)
  /// @param maxEventsPerTransaction events one shared transaction may take (a larger batch runs alone)
  /// @param maxWaiting              batches that may wait; beyond it a batch fails with 503 `INGEST_BUSY`
  public GroupCommit(Writer writer, int maxTransactions, int maxEventsPerTransaction, int maxWaiting) {
    this(writer, maxTransactions, maxEventsPerTransaction, maxWaiting, Gather.NONE, batches -> {});
  }

  /// As above, gathering batches while a transaction runs; `batchesPerTransaction` hears how many
  /// batches each transaction that started wrote.
  public GroupCommit(Writer writer, int maxTransactions, int maxEventsPerTransaction, int maxWaiting, Gather gather,
                     IntConsumer batchesPerTransaction) {
    if (maxTransactions < 1 || maxEventsPerTransaction < 1 || maxWaiting < 0) {
      throw new IllegalArgumentException("transactions and events per transaction must be at least 1, waiting at least 0");
    }
    this.writer = writer;
    this.batchesPerTransaction = batchesPerTransaction;
    this.maxTransactions = maxTransactions;
    this.maxEventsPerTransaction = maxEventsPerTransaction;
    this.maxWaiting = maxWaiting;
    this.gather = gather;
  }

  /// Writes the plan's events atomically; the result lists those that were new, in plan order.
  public Uni<List<AcceptedEvent>> append(IngestPlan plan) {
    if (plan.events().isEmpty()) return Uni.createFrom().item(List.of());
    return Uni.createFrom().emitter(emitter -> {
      List<Group> ready;
      synchronized (this) {
        if (running >= maxTransactions && waiting.size() >= maxWaiting) {
          emitter.fail(new IngestException(503, "INGEST_BUSY", "the node is writing " + running + " transactions with "
              + waiting.size() + " batches waiting; retry shortly"));
          return;
        }
        enqueueLast(new Pending(plan, emitter, Vertx.currentContext(), gather.clock().getAsLong()));
        ready = takeReadyGroups();
      }
      ready.forEach(this::start);
    });
  }

  /// Batches waiting for a transaction (for metrics and tests).
  public synchronized int waiting() { return waiting.size(); }

  private List<Group> takeReadyGroups() {
    List<Group> ready = new ArrayList<>();
    while (running < maxTransactions && !waiting.isEmpty()) {
      if (running > 0 && stillGathering()) break;
      ready.add(nextGroup());
      running++;
    }
    return ready;
  }

  /// True (and a re-check scheduled) while the first waiting batch may still wait for others.
  private boolean stillGathering() {
    Pending first = waiting.peekFirst();
    if (gather.nanos() == 0 || !first.mayShare() || waitingEvents >= maxEventsPerTransaction) return false;
    long left = first.arrivedAt() + gather.nanos() - gather.clock().getAsLong();
    if (left <= 0) return false;
    if (!gatherTimerSet) {
      gatherTimerSet = true;
      gather.timer().schedule(left, this::gatherEnded);
    }
    return true;
  }

  private void gatherEnded() {
    List<Group> ready;
    synchronized (this) {
      gatherTimerSet = false;
      ready = takeReadyGroups();
    }
    ready.forEach(this::start);
  }

  private void enqueueLast(Pending pending) {
    waiting.addLast(pending);
    waitingEvents += pending.size();
  }

  private Pending dequeueFirst() {
    Pending first = waiting.pollFirst();
    waitingEvents -= first.size();
    return first;
  }

  private Group nextGroup() {
    Pending first = dequeueFirst();
    List<Pending> members = new ArrayList<>(List.of(first));
    if (first.mayShare()) {
      int events = first.size();
      for (Iterator<Pending> it = waiting.iterator(); it.hasNext() && events < maxEventsPerTransaction; ) {
        Pending next = it.next();
        if (!next.mayShare() || events + next.size() > maxEventsPerTransaction) continue;
        members.add(next);
        events += next.size();
        it.remove();
        waitingEvents -= next.size();
      }
    }
    return new Group(members);
  }

  private void start(Group group) {
    batchesPerTransaction.accept(group.members.size());
    Uni.createFrom().deferred(() -> writer.write(group.events, group.exclusive)).subscribe().with(positions -> {
      finished();
      group.deliver(positions);
    }, failure -> {
      if (group.members.size() > 1) {
        retryAlone(group.members);
      } else {
        finished();
        group.members.getFirst().fail(failure);
      }
    });
  }

  private void retryAlone(List<Pending> members) {
    List<Group> ready;
    synchronized (this) {
      running--;
      for (int i = members.size() - 1; i >= 0; i--) {
        waiting.addFirst(members.get(i).runningAlone());
        waitingEvents += members.get(i).size();
      }
      ready = takeReadyGroups();
    }
    ready.forEach(this::start);
  }

  private void finished() {
    List<Group> ready;
    synchronized (this) {
      running--;
      ready = takeReadyGroups();
    }
    ready.forEach(this::start);
  }

  /// `hasDelete` is computed once: the queue is scanned under the lock for every group.
  private record Pending(IngestPlan plan, UniEmitter<? super List<AcceptedEvent>> emitter, Context context, long arrivedAt, boolean alone,
                         boolean hasDelete) {
    Pending(IngestPlan plan, UniEmitter<? super List<AcceptedEvent>> emitter, Context context, long arrivedAt) {
      this(plan, emitter, context, arrivedAt, false, plan.events().stream().anyMatch(e -> e.delete().isPresent()));
    }

    int size() { return plan.events().size(); }

    boolean mayShare() { return !alone && !hasDelete(); }

    Pending runningAlone() { return new Pending(plan, emitter, context, arrivedAt, true, hasDelete); }

    void complete(List<AcceptedEvent> stored) { onContext(() -> emitter.complete(stored)); }

    void fail(Throwable failure) { onContext(() -> emitter.fail(failure)); }

    private void onContext(Runnable outcome) {
      if (context == null || Vertx.currentContext() == context) outcome.run();
      else context.runOnContext(v -> outcome.run());
    }
  }

  /// The members' events in order, each key once; `owner`/`index` map a position back.
  private static final class Group {
    final List<Pending> members;
    final List<AcceptedEvent> events = new ArrayList<>();
    final boolean exclusive;
    private final List<Integer> owner = new ArrayList<>();
    private final List<Integer> index = new ArrayList<>();

    Group(List<Pending> members) {
      this.members = members;
      this.exclusive = members.stream().anyMatch(Pending::hasDelete);
      Set<EventKey> keys = new HashSet<>();
      for (int m = 0; m < members.size(); m++) {
        List<AcceptedEvent> planned = members.get(m).plan().events();
        for (int i = 0; i < planned.size(); i++) {
          AcceptedEvent e = planned.get(i);
          if (members.size() > 1 && !keys.add(e.event().key())) continue;
          events.add(e);
          owner.add(m);
          index.add(i);
        }
      }
    }

    void deliver(List<Integer> positions) {
      List<BitSet> stored = new ArrayList<>();
      for (int m = 0; m < members.size(); m++) stored.add(new BitSet());
      for (int position : positions) stored.get(owner.get(position)).set(index.get(position));
      for (int m = 0; m < members.size(); m++) {
        List<AcceptedEvent> planned = members.get(m).plan().events();
        List<AcceptedEvent> fresh = new ArrayList<>(stored.get(m).cardinality());
        stored.get(m).stream().forEach(i -> fresh.add(planned.get(i)));
        members.get(m).complete(fresh);
      }
    }
  }
}
