package io.wya.gateway.contacts;

import io.vertx.core.Future;
import io.wya.gateway.protocol.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/// The projection in memory, with the semantics of the Redis one (checked by the same contract
/// suite): for unit tests and a single-process gateway without Redis.
public final class InMemoryContactsProjection implements ContactsProjection {
  private final RandomGenerator random;
  private final List<Consumer<ContactFlip>> listeners = new CopyOnWriteArrayList<>();
  private String generation;
  private final Map<UserId, Map<String, EdgeValue>> edges = new HashMap<>();
  private final Map<Integer, Long> nextOffsets = new HashMap<>();

  public InMemoryContactsProjection(RandomGenerator random) {
    this.random = random;
  }

  /// Receives every flip, as the Redis flips channel would deliver it.
  public void onFlip(Consumer<ContactFlip> listener) { listeners.add(listener); }

  /// Forgets everything, generation included, as a flushed store would.
  public synchronized void lose() {
    generation = null;
    edges.clear();
    nextOffsets.clear();
  }

  @Override public synchronized Future<Generation> open() {
    boolean created = false;
    if (generation == null) {
      byte[] id = new byte[8];
      random.nextBytes(id);
      generation = HexFormat.of().formatHex(id);
      created = true;
    }
    return Future.succeededFuture(new Generation(generation, nextOffsets, created));
  }

  @Override public Future<ApplyOutcome> apply(String gen, int partition, long lastOffset, List<OffsetOp> ops) {
    List<ContactFlip> flips = new ArrayList<>();
    int applied = 0;
    synchronized (this) {
      if (!gen.equals(generation)) return Future.succeededFuture(new GenerationLost());
      long next = nextOffsets.getOrDefault(partition, 0L);
      if (lastOffset < next) return Future.succeededFuture(new AlreadyApplied());
      for (OffsetOp op : ops) {
        if (op.offset() < next) continue;
        applied++;
        switch (op.op()) {
          case GraphOp.SetEdge set -> {
            boolean before = contacts(set.owner(), set.target());
            Map<String, EdgeValue> owned = edges.computeIfAbsent(set.owner(), k -> new HashMap<>());
            owned.put(set.field(), EdgeValue.merge(owned.get(set.field()), set.value()));
            boolean after = contacts(set.owner(), set.target());
            if (before != after) flips.add(new ContactFlip(set.owner(), set.target(), after));
          }
          case GraphOp.DeleteEdge delete -> deleteEdge(delete, flips);
        }
      }
      nextOffsets.put(partition, lastOffset + 1);
    }
    for (ContactFlip flip : flips) listeners.forEach(l -> l.accept(flip));
    return Future.succeededFuture(new Applied(applied, flips));
  }

  @Override public synchronized Future<List<Boolean>> areContacts(UserId user, List<UserId> others) {
    if (others.isEmpty()) return Future.succeededFuture(List.of());
    if (generation == null) return Future.failedFuture(new ProjectionUnavailable("the contacts projection has no generation"));
    List<Boolean> result = new ArrayList<>(others.size());
    for (UserId other : others) result.add(contacts(user, other));
    return Future.succeededFuture(result);
  }

  private void deleteEdge(GraphOp.DeleteEdge delete, List<ContactFlip> flips) {
    Map<String, EdgeValue> owned = edges.get(delete.owner());
    if (owned == null) return;
    for (Map.Entry<String, EdgeValue> e : owned.entrySet()) {
      EdgeValue v = e.getValue();
      if (e.getKey().charAt(0) != delete.kind().letter() || v.stamp().rank() == EdgeStamp.DELETED
          || !v.stamp().coordinates().equals(delete.coordinates())) continue;
      UserId target = new UserId(HexFormat.of().parseHex(e.getKey().substring(1)));
      boolean before = contacts(delete.owner(), target);
      e.setValue(new EdgeValue(false, v.stamp().deleted()));
      boolean after = contacts(delete.owner(), target);
      if (before != after) flips.add(new ContactFlip(delete.owner(), target, after));
      return;
    }
  }

  private boolean contacts(UserId a, UserId b) {
    if (a.equals(b)) return false;
    return ContactRule.contacts(present(a, EdgeKind.FOLLOW, b), present(b, EdgeKind.FOLLOW, a), present(a, EdgeKind.BLOCK, b),
        present(b, EdgeKind.BLOCK, a));
  }

  private boolean present(UserId owner, EdgeKind kind, UserId target) {
    Map<String, EdgeValue> owned = edges.get(owner);
    EdgeValue v = owned == null ? null : owned.get(kind.letter() + target.hex());
    return v != null && v.present();
  }
}
