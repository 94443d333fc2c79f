package io.wya.gateway.contacts;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wya.gateway.protocol.UserId;
import io.wya.gateway.redis.RedisScript;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/// The projection in Redis (ADR 0401). Keys, under `base` = namespace + `contacts:v{VERSION}:{topic}:`:
///
/// * `base gen` — the current generation id;
/// * `base {gen}:e:{owner_hex}` — hash: `f{target_hex}` / `b{target_hex}` → [EdgeValue] encoding;
/// * `base {gen}:off` — hash: partition → next offset to apply;
/// * channel `base flips` — every [ContactFlip], published by the apply script.
///
/// A new [#VERSION] or topic name is a new base: an empty projection, rebuilt from offset 0.
/// Keys of older generations are left for [#purgeOtherGenerations()].
public final class RedisContactsProjection implements ContactsProjection {
  /// Bumped whenever the stored format or the merge rules change: a new version replays the topic.
  public static final int VERSION = 1;

  private static final RedisScript OPEN = RedisScript.load(RedisContactsProjection.class, "open.lua");
  private static final RedisScript APPLY = RedisScript.load(RedisContactsProjection.class, "apply.lua");
  private static final RedisScript CONTACTS = RedisScript.load(RedisContactsProjection.class, "contacts.lua");

  private final Redis redis;
  private final String base;
  private final RandomGenerator random;

  public RedisContactsProjection(Redis redis, String namespace, String topic, RandomGenerator random) {
    this.redis = redis;
    this.base = namespace + "contacts:v" + VERSION + ":" + topic + ":";
    this.random = random;
  }

  /// The channel on which the apply script publishes flips.
  public String flipsChannel() { return base + "flips"; }

  /// The prefix of every key of this projection.
  public String base() { return base; }

  @Override public Future<Generation> open() {
    byte[] id = new byte[8];
    random.nextBytes(id);
    return OPEN.run(redis, List.of(base, HexFormat.of().formatHex(id))).map(r -> {
      Map<Integer, Long> offsets = new HashMap<>();
      for (int i = 2; i + 1 < r.size(); i += 2) offsets.put(r.get(i).toInteger(), r.get(i + 1).toLong());
      return new Generation(r.get(0).toString(), offsets, r.get(1).toInteger() == 1);
    });
  }

  @Override public Future<ApplyOutcome> apply(String generation, int partition, long lastOffset, List<OffsetOp> ops) {
    List<String> args = new ArrayList<>(4 + ops.size() * 5);
    args.add(base);
    args.add(generation);
    args.add(Integer.toString(partition));
    args.add(Long.toString(lastOffset));
    for (OffsetOp op : ops) {
      args.add(Long.toString(op.offset()));
      switch (op.op()) {
        case GraphOp.SetEdge set -> {
          args.add("s");
          args.add(set.owner().hex());
          args.add(set.field());
          args.add(set.value().encoded());
        }
        case GraphOp.DeleteEdge delete -> {
          args.add("d");
          args.add(delete.owner().hex());
          args.add(String.valueOf(delete.kind().letter()));
          args.add(delete.coordinates());
        }
      }
    }
    return APPLY.run(redis, args).map(RedisContactsProjection::outcome);
  }

  @Override public Future<List<Boolean>> areContacts(UserId user, List<UserId> others) {
    if (others.isEmpty()) return Future.succeededFuture(List.of());
    List<String> args = new ArrayList<>(2 + others.size());
    args.add(base);
    args.add(user.hex());
    for (UserId o : others) args.add(o.hex());
    return CONTACTS.run(redis, args).compose(r -> {
      if ("LOST".equals(r.get(0).toString())) {
        return Future.failedFuture(new ProjectionUnavailable("the contacts projection has no generation (rebuilding)"));
      }
      List<Boolean> result = new ArrayList<>(others.size());
      for (int i = 1; i < r.size(); i++) result.add(r.get(i).toInteger() == 1);
      return Future.succeededFuture(result);
    });
  }

  /// Deletes the keys of every generation but the current one (best effort, in SCAN batches so
  /// that Redis is never blocked). Returns how many keys were deleted.
  public Future<Long> purgeOtherGenerations() {
    return redis.send(Request.cmd(Command.GET).arg(base + "gen")).compose(g -> {
      if (g == null) return Future.succeededFuture(0L);
      return purge("0", base + g + ":", 0L);
    });
  }

  private Future<Long> purge(String cursor, String keep, long deleted) {
    var scan = Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(base + "*")
        .arg("COUNT").arg(500);
    return redis.send(scan).compose(r -> {
      String next = r.get(0).toString();
      List<String> doomed = new ArrayList<>();
      for (Response key : r.get(1)) {
        String k = key.toString();
        if (!k.startsWith(keep) && !k.equals(base + "gen")) doomed.add(k);
      }
      Future<Long> step = doomed.isEmpty() ? Future.succeededFuture(0L) : redis.send(unlink(doomed)).map(Response::toLong);
      return step.compose(n -> next.equals("0") ? Future.succeededFuture(deleted + n) : purge(next, keep, deleted + n));
    });
  }

  private static Request unlink(List<String> keys) {
    var r = Request.cmd(Command.UNLINK);
    keys.forEach(r::arg);
    return r;
  }

  private static ApplyOutcome outcome(Response r) {
    String status = r.get(0).toString();
    return switch (status) {
      case "LOST" -> new GenerationLost();
      case "SKIP" -> new AlreadyApplied();
      default -> {
        List<ContactFlip> flips = new ArrayList<>(r.size() - 2);
        for (int i = 2; i < r.size(); i++) flips.add(ContactFlip.decode(r.get(i).toString()));
        yield new Applied(r.get(1).toInteger(), flips);
      }
    };
  }
}
