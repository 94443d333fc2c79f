package io.wya.mls;

import io.wya.mls.spi.CommitPlan;
import io.wya.mls.spi.EngineGroup;
import io.wya.mls.spi.GeneratedKeyPackage;
import io.wya.mls.spi.LeafInfo;
import io.wya.mls.spi.MlsEngine;
import io.wya.mls.spi.StagedCommit;
import io.wya.mls.store.StateStore;
import io.wya.mls.wire.Credential;
import io.wya.mls.wire.GroupInfo;
import io.wya.mls.wire.InvalidKeyPackageException;
import io.wya.mls.wire.KeyPackage;
import io.wya.mls.wire.KeyPackageValidator;
import io.wya.mls.wire.MlsLimits;
import io.wya.mls.wire.MlsMessage;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.MlsWireException;
import io.wya.mls.wire.Welcome;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/// The MLS client of one device: its KeyPackages and every group it is in, persisted after each
/// change in a [StateStore] (encrypted at rest on disk), over an [MlsEngine].
///
/// Ordering rules it enforces (GATEWAY_SPEC §7.3–7.4):
/// * entries are processed in the gateway's `seq` order; an entry at or below the last `seq`
///   processed is a [Processed.Duplicate] (delivery is at least once);
/// * a Commit of ours is only staged ([CommitBundle]); it is applied when the gateway delivers it
///   back, byte for byte; a Commit of another member at that epoch wins instead (our staged one
///   is dropped and reported, [Processed.CommitApplied#discardedOwnPending]); `STALE_EPOCH` on
///   send means: [#discardPendingCommit], keep processing, retry;
/// * one staged Commit per group at a time (`COMMIT_PENDING`).
///
/// Not thread-safe beyond its own monitor: every public method is synchronized. Closing the
/// client closes its store.
public final class MlsClient implements AutoCloseable {
  private static final String DEVICE = KeyPackageBook.DEVICE;
  private static final String GROUP_PREFIX = "group.";

  private final StateStore store;
  private final MlsEngine engine;
  private final MlsConfig config;
  private final Clock clock;
  private final SecureRandom random;
  private final MlsLimits limits = MlsLimits.DEFAULT;
  private final KeyPackageValidator validator;
  private final DeviceState device;
  private final KeyPackageBook keyPackages;
  private final Map<String, GroupSlot> slots = new HashMap<>();

  private MlsClient(StateStore store, MlsEngine engine, MlsConfig config, Clock clock, SecureRandom random, DeviceState device) {
    this.store = store;
    this.engine = engine;
    this.config = config;
    this.clock = clock;
    this.random = random;
    this.device = device;
    this.keyPackages = new KeyPackageBook(store, engine, config, clock, device);
    this.validator = new KeyPackageValidator(Set.of(engine.cipherSuite()), config.maxKeyPackageLifetime(), config.clockSkew());
  }

  /// Opens the client of `device`, creating its state (a new MLS signature key) on first use.
  public static MlsClient create(StateStore store, MlsEngine engine, DeviceIdentity device, MlsConfig config, Clock clock,
                                 SecureRandom random) throws MlsException {
    Optional<byte[]> blob = store.read(DEVICE);
    DeviceState state;
    if (blob.isPresent()) {
      state = checked(DeviceState.decode(blob.get()), engine);
      if (!state.device.equals(device)) {
        throw new MlsException(MlsError.NO_DEVICE_STATE, "this state belongs to device " + state.device + ", not " + device);
      }
    } else {
      state = new DeviceState(engine.id(), device, engine.newSigningKey(), List.of());
      store.write(DEVICE, state.encode());
    }
    MlsClient client = new MlsClient(store, engine, config, clock, random, state);
    client.keyPackages.purgeExpired();
    return client;
  }

  /// Opens existing state (the device is the one it was created for).
  public static MlsClient open(StateStore store, MlsEngine engine, MlsConfig config, Clock clock, SecureRandom random)
      throws MlsException {
    byte[] blob = store.read(DEVICE).orElseThrow(() -> new MlsException(MlsError.NO_DEVICE_STATE, "no device state in this store"));
    MlsClient client = new MlsClient(store, engine, config, clock, random, checked(DeviceState.decode(blob), engine));
    client.keyPackages.purgeExpired();
    return client;
  }

  private static DeviceState checked(DeviceState state, MlsEngine engine) throws MlsException {
    if (!state.engineId.equals(engine.id())) {
      throw new MlsException(MlsError.STATE_FORMAT_UNSUPPORTED, "state of engine " + state.engineId + ", this is " + engine.id());
    }
    return state;
  }

  /// This device.
  public DeviceIdentity device() { return device.device; }

  // ------------------------------------------------------------------ KeyPackages

  /// `count` new one-time KeyPackages to upload.
  public synchronized List<KeyPackageOffer> newKeyPackages(int count) throws MlsException {
    return keyPackages.newKeyPackages(count);
  }

  /// The last-resort KeyPackage to keep uploaded (`last_resort = true`): the current one, or a
  /// new one when the current one ends within [MlsConfig#lastResortRotation()].
  public synchronized KeyPackageOffer lastResortKeyPackage() throws MlsException {
    return keyPackages.lastResort();
  }

  /// The KeyPackages that bring the gateway's pool of one-time packages for this device back to
  /// [MlsConfig#keyPackagePoolTarget()], given how many it holds (from `KeyPackagesLow` or
  /// `KeyPackageCount`, KP-10); empty when the pool is full.
  public synchronized List<KeyPackageOffer> replenishKeyPackages(int oneTimeOnGateway) throws MlsException {
    return keyPackages.replenish(oneTimeOnGateway);
  }

  /// How many KeyPackage private halves this device holds (one-time and last-resort).
  public synchronized int keyPackagesHeld() { return device.keyPackages.size(); }

  // ------------------------------------------------------------------ groups

  /// A new group with a random 32-byte id.
  public synchronized GroupCreated createGroup() throws MlsException {
    byte[] id = new byte[32];
    random.nextBytes(id);
    return createGroup(id);
  }

  /// A new group (epoch 0, this device alone) with the given id.
  public synchronized GroupCreated createGroup(byte[] groupId) throws MlsException {
    if (find(groupId).isPresent()) throw new MlsException(MlsError.GROUP_EXISTS, hex(groupId));
    Instant now = clock.instant();
    EngineGroup group = engine.createGroup(groupId, device.device.mlsIdentity(), device.signingKey, now.minus(config.clockSkew()),
        now.plus(config.keyPackageLifetime()));
    GroupSlot slot = new GroupSlot(groupId, GroupStatus.ACTIVE, 0, group);
    save(slot);
    return new GroupCreated(groupId.clone(), group.groupInfo());
  }

  /// Stages a Commit adding the devices of these KeyPackages (from `ClaimKeyPackages`: all of a
  /// user's devices, or one device). Each is validated first (suite, lifetime, signatures,
  /// capabilities; a WYA device identity; not already a member).
  public synchronized CommitBundle addMembers(byte[] groupId, List<byte[]> keyPackages) throws MlsException {
    GroupSlot slot = active(groupId);
    if (keyPackages.isEmpty()) throw new IllegalArgumentException("no KeyPackages");
    Set<DeviceIdentity> present = new HashSet<>();
    for (Member m : members(slot.group.leaves())) present.add(m.device());
    for (byte[] kp : keyPackages) {
      DeviceIdentity added = validateKeyPackage(kp);
      if (!present.add(added)) throw new MlsException(MlsError.ALREADY_MEMBER, added + " is already a member or listed twice");
    }
    return stage(slot, new CommitPlan(keyPackages, List.of(), false));
  }

  /// Stages a Commit removing every device of `userId` (other than this device).
  public synchronized CommitBundle removeUser(byte[] groupId, byte[] userId) throws MlsException {
    GroupSlot slot = active(groupId);
    List<Integer> leaves = new ArrayList<>();
    for (Member m : members(slot.group.leaves())) {
      if (m.device().sameUser(userId) && m.leafIndex() != slot.group.ownLeaf()) leaves.add(m.leafIndex());
    }
    if (leaves.isEmpty()) throw new MlsException(MlsError.NOT_A_MEMBER, "no device of user " + HexFormat.of().formatHex(userId, 0, 4));
    return stage(slot, new CommitPlan(List.of(), leaves, false));
  }

  /// Stages a Commit removing one device.
  public synchronized CommitBundle removeDevice(byte[] groupId, DeviceIdentity removed) throws MlsException {
    GroupSlot slot = active(groupId);
    if (removed.equals(device.device)) throw new MlsException(MlsError.CANNOT_REMOVE_SELF, "use leave()");
    for (Member m : members(slot.group.leaves())) {
      if (m.device().equals(removed)) return stage(slot, new CommitPlan(List.of(), List.of(m.leafIndex()), false));
    }
    throw new MlsException(MlsError.NOT_A_MEMBER, removed.toString());
  }

  /// Stages a Commit with a fresh UpdatePath (key rotation; also commits pending proposals).
  public synchronized CommitBundle update(byte[] groupId) throws MlsException {
    return stage(active(groupId), new CommitPlan(List.of(), List.of(), true));
  }

  /// Stages a Commit of the proposals received in this epoch (e.g. another member's leave).
  public synchronized CommitBundle commitPendingProposals(byte[] groupId) throws MlsException {
    return stage(active(groupId), new CommitPlan(List.of(), List.of(), false));
  }

  /// A proposal removing this device, to send as an ordinary message; the group stays ACTIVE until
  /// another member commits it ([Processed.Removed]).
  public synchronized byte[] leave(byte[] groupId) throws MlsException {
    GroupSlot slot = active(groupId);
    if (slot.pending != null) throw new MlsException(MlsError.COMMIT_PENDING, "a Commit of ours is waiting for its echo");
    return mutate(slot, () -> slot.group.proposeSelfRemove());
  }

  /// Stages an external Commit joining the group of `groupInfo` (from `GetGroupInfo`): a new
  /// device of a member, or this device after losing its state (its old leaf is removed in the
  /// same Commit, MBR-5). The group is JOINING until the Commit's echo.
  public synchronized CommitBundle externalJoin(byte[] groupInfo) throws MlsException {
    if (!(parse(groupInfo) instanceof GroupInfo parsed)) throw new MlsException(MlsError.WRONG_WIRE_FORMAT, "not a GroupInfo");
    byte[] groupId = parsed.groupContext().groupId();
    Optional<GroupSlot> existing = find(groupId);
    if (existing.isPresent() && (existing.get().status == GroupStatus.ACTIVE || existing.get().status == GroupStatus.JOINING)) {
      throw new MlsException(MlsError.GROUP_EXISTS, "this device is already in " + hex(groupId));
    }
    Instant now = clock.instant();
    StagedCommit staged = engine.externalJoin(parsed, groupInfo, device.device.mlsIdentity(), device.signingKey,
        ownLeafIn(parsed), now.minus(config.clockSkew()), now.plus(config.keyPackageLifetime()));
    GroupSlot slot = new GroupSlot(groupId, GroupStatus.JOINING, existing.map(s -> s.lastSeq).orElse(0L), null);
    slot.pending = staged;
    save(slot);
    return bundle(groupId, staged);
  }

  /// Drops our staged Commit (the gateway answered `STALE_EPOCH`: another Commit won). A
  /// JOINING group is forgotten.
  public synchronized void discardPendingCommit(byte[] groupId) throws MlsException {
    GroupSlot slot = slot(groupId);
    if (slot.pending == null) throw new MlsException(MlsError.NO_PENDING_COMMIT, hex(groupId));
    if (slot.status == GroupStatus.JOINING) {
      forgetGroup(groupId);
      return;
    }
    slot.pending = null;
    save(slot);
  }

  /// Joins from a Welcome delivered at `seq` (`Deliver` of kind WELCOME, MBR-3); returns the
  /// group id. A one-time KeyPackage it used is deleted.
  public synchronized byte[] joinFromWelcome(byte[] welcome, long seq) throws MlsException {
    if (!(parse(welcome) instanceof Welcome parsed)) throw new MlsException(MlsError.WRONG_WIRE_FORMAT, "not a Welcome");
    MlsEngine.Joined joined = engine.join(parsed, welcome, device.signingKey,
        ref -> device.byRef(ref).map(GeneratedKeyPackage::privateState));
    EngineGroup group = joined.group();
    byte[] groupId = group.groupId();
    Optional<GroupSlot> existing = find(groupId);
    if (existing.isPresent() && existing.get().status == GroupStatus.ACTIVE) throw new MlsException(MlsError.GROUP_EXISTS, hex(groupId));
    members(group.leaves());
    save(new GroupSlot(groupId, GroupStatus.ACTIVE, seq, group));
    keyPackages.consumed(joined.keyPackageRef());
    return groupId;
  }

  /// Processes the entry delivered at `seq` (a Commit, proposal or application message of this
  /// group). Throws only when nothing was consumed (unknown group, storage failure).
  public synchronized Processed process(byte[] groupId, long seq, byte[] message) throws MlsException {
    return new Inbound(this).process(slot(groupId), seq, message);
  }

  /// An application message for the group's current epoch.
  public synchronized byte[] encrypt(byte[] groupId, byte[] plaintext) throws MlsException {
    GroupSlot slot = active(groupId);
    return mutate(slot, () -> slot.group.encrypt(plaintext, new byte[0]));
  }

  /// RFC 9420 MLS-Exporter of the current epoch.
  public synchronized byte[] exportSecret(byte[] groupId, String label, byte[] context, int length) throws MlsException {
    return active(groupId).group.exportSecret(label, context, length);
  }

  /// A GroupInfo of the current epoch (with ratchet tree and external_pub).
  public synchronized byte[] groupInfo(byte[] groupId) throws MlsException {
    return active(groupId).group.groupInfo();
  }

  /// A snapshot of the group.
  public synchronized GroupView group(byte[] groupId) throws MlsException {
    GroupSlot s = slot(groupId);
    EngineGroup g = s.group;
    return new GroupView(groupId.clone(), s.status, g != null ? g.epoch() : s.pending.epoch(), g != null ? g.ownLeaf() : -1,
        g != null ? members(g.leaves()) : List.of(), s.pending == null ? OptionalLong.empty() : OptionalLong.of(s.pending.epoch()),
        s.lastSeq, g != null ? g.epochAuthenticator() : new byte[0], Optional.ofNullable(s.problem));
  }

  /// The ids of every group in the state, whatever their status.
  public synchronized List<byte[]> groups() throws MlsException {
    List<byte[]> out = new ArrayList<>();
    for (String name : store.names()) {
      if (name.startsWith(GROUP_PREFIX)) out.add(HexFormat.of().parseHex(name.substring(GROUP_PREFIX.length())));
    }
    return out;
  }

  /// Deletes a group's state (e.g. after being removed).
  public synchronized void forgetGroup(byte[] groupId) throws MlsException {
    slots.remove(hex(groupId));
    store.delete(GroupSlot.name(groupId));
  }

  @Override
  public synchronized void close() {
    slots.clear();
    store.close();
  }

  // ------------------------------------------------------------------ internals (shared with Inbound)

  MlsEngine engine() { return engine; }

  MlsLimits limits() { return limits; }

  interface Op<T> {
    T run() throws MlsException;
  }

  /// Runs `op` on `slot` and saves it; on failure forgets the in-memory copy, so the next call
  /// reloads what is on disk (nothing half-changed survives a failed call).
  <T> T mutate(GroupSlot slot, Op<T> op) throws MlsException {
    try {
      T result = op.run();
      save(slot);
      return result;
    } catch (MlsException | RuntimeException e) {
      slots.remove(hex(slot.groupId));
      throw e;
    }
  }

  void save(GroupSlot slot) throws MlsException {
    store.write(slot.name(), slot.encode(engine.id()));
    slots.put(hex(slot.groupId), slot);
  }

  void forget(GroupSlot slot) {
    slots.remove(hex(slot.groupId));
  }

  GroupSlot slot(byte[] groupId) throws MlsException {
    return find(groupId).orElseThrow(() -> new MlsException(MlsError.UNKNOWN_GROUP, hex(groupId)));
  }

  private Optional<GroupSlot> find(byte[] groupId) throws MlsException {
    GroupSlot cached = slots.get(hex(groupId));
    if (cached != null) return Optional.of(cached);
    Optional<byte[]> blob = store.read(GroupSlot.name(groupId));
    if (blob.isEmpty()) return Optional.empty();
    GroupSlot slot = GroupSlot.decode(blob.get(), engine);
    slots.put(hex(groupId), slot);
    return Optional.of(slot);
  }

  private GroupSlot active(byte[] groupId) throws MlsException {
    GroupSlot slot = slot(groupId);
    if (slot.status != GroupStatus.ACTIVE) throw new MlsException(MlsError.GROUP_INACTIVE, "group is " + slot.status);
    return slot;
  }

  private CommitBundle stage(GroupSlot slot, CommitPlan plan) throws MlsException {
    if (slot.pending != null) throw new MlsException(MlsError.COMMIT_PENDING, "a Commit of ours is waiting for its echo");
    StagedCommit staged = slot.group.stageCommit(plan);
    slot.pending = staged;
    return mutate(slot, () -> bundle(slot.groupId, staged));
  }

  private static CommitBundle bundle(byte[] groupId, StagedCommit staged) {
    return new CommitBundle(groupId.clone(), staged.epoch(), staged.commit(), staged.welcome(), staged.groupInfo());
  }

  private DeviceIdentity validateKeyPackage(byte[] message) throws MlsException {
    if (!(parse(message) instanceof KeyPackage kp)) throw new MlsException(MlsError.INVALID_KEY_PACKAGE, "not a KeyPackage message");
    try {
      validator.validate(kp, clock.instant());
    } catch (InvalidKeyPackageException e) {
      throw new MlsException(MlsError.INVALID_KEY_PACKAGE, e.getMessage(), e);
    }
    if (!(kp.leafNode().credential() instanceof Credential.Basic(byte[] identity))) {
      throw new MlsException(MlsError.INVALID_IDENTITY, "not a BasicCredential");
    }
    return DeviceIdentity.fromMlsIdentity(identity);
  }

  /// This device's leaf in a GroupInfo's ratchet tree, if it is still there (a rejoin).
  private OptionalInt ownLeafIn(GroupInfo info) throws MlsException {
    byte[] me = device.device.mlsIdentity();
    for (io.wya.mls.wire.Extension e : info.extensions()) {
      if (e.type() != io.wya.mls.wire.Extension.RATCHET_TREE) continue;
      try {
        var tree = MlsWire.parseRatchetTree(e.data(), limits);
        for (int i = 0; i < tree.leafCount(); i++) {
          var leaf = tree.leaf(i);
          if (leaf.isPresent() && leaf.get().credential() instanceof Credential.Basic(byte[] id) && Arrays.equals(id, me)) {
            return OptionalInt.of(i);
          }
        }
      } catch (MlsWireException ex) {
        throw new MlsException(MlsError.MALFORMED_MESSAGE, "ratchet tree: " + ex.getMessage(), ex);
      }
    }
    return OptionalInt.empty();
  }

  MlsMessage parse(byte[] bytes) throws MlsException {
    try {
      return MlsWire.parseMessage(bytes, limits);
    } catch (MlsWireException e) {
      throw new MlsException(MlsError.MALFORMED_MESSAGE, e.getMessage(), e);
    }
  }

  /// Members from an engine's leaves; every leaf must carry a WYA device identity.
  static List<Member> members(List<LeafInfo> leaves) throws MlsException {
    List<Member> out = new ArrayList<>();
    for (LeafInfo leaf : leaves) out.add(new Member(leaf.leafIndex(), DeviceIdentity.fromMlsIdentity(leaf.identity())));
    return out;
  }

  static String hex(byte[] b) { return HexFormat.of().formatHex(b); }
}
