package io.wya.gateway.keypackage;

import io.vertx.core.Future;
import io.wya.gateway.config.GatewayConfig;
import io.wya.gateway.keypackage.KeyPackageStore.NewKeyPackage;
import io.wya.gateway.limits.WindowCounter;
import io.wya.gateway.outcome.Rejection;
import io.wya.gateway.protocol.ClientFrame;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.ErrorCode;
import io.wya.gateway.protocol.KeyPackageRejection;
import io.wya.gateway.protocol.ServerFrame;
import io.wya.mls.wire.Credential;
import io.wya.mls.wire.InvalidKeyPackageException;
import io.wya.mls.wire.KeyPackage;
import io.wya.mls.wire.KeyPackageValidator;
import io.wya.mls.wire.MlsLimits;
import io.wya.mls.wire.MlsMessage;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.MlsWireException;
import io.wya.mls.wire.ValidatedKeyPackage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/// The KeyPackage directory (GATEWAY_SPEC §6): validated batch uploads bound to the uploading
/// device (KP-1…KP-6), one-time claims with a last-resort fallback (KP-7…KP-9), pool counts and
/// the low-pool signal (KP-10), claim rate limits across instances (KP-11).
public final class KeyPackageDirectory {
  private final String gatewayId;
  private final GatewayConfig.KeyPackages limits;
  private final Set<Integer> suites;
  private final int maxMlsMessageBytes;
  private final int maxDevicesPerUser;
  private final KeyPackageValidator validator;
  private final KeyPackageStore store;
  private final WindowCounter claims;
  private final PoolSignal signal;
  private final Clock clock;

  public KeyPackageDirectory(GatewayConfig config, KeyPackageStore store, WindowCounter claims, PoolSignal signal, Clock clock) {
    this.gatewayId = config.server().gatewayId();
    this.limits = config.keyPackages();
    this.suites = config.mls().cipherSuites();
    this.maxMlsMessageBytes = config.mls().maxMlsMessageBytes();
    this.maxDevicesPerUser = config.sessions().maxDevicesPerUser();
    this.validator = new KeyPackageValidator(suites, limits.maxLifetime(), limits.clockSkew());
    this.store = store;
    this.claims = claims;
    this.signal = signal;
    this.clock = clock;
  }

  /// `UploadKeyPackages` → `KeyPackagesUploaded`; all or nothing (KP-3).
  public Future<ServerFrame.KeyPackagesUploaded> upload(DeviceKey owner, ClientFrame.UploadKeyPackages upload) {
    List<NewKeyPackage> batch;
    try {
      batch = validate(owner, upload.items(), clock.instant());
    } catch (Rejection r) {
      return Future.failedFuture(r);
    }
    return store.store(owner, batch, limits.maxPerDevice(), clock.instant()).map(stored -> switch (stored) {
      case KeyPackageStore.Stored.Ok ok -> new ServerFrame.KeyPackagesUploaded(batch.stream().map(NewKeyPackage::ref).toList(),
          ok.oneTimeCount(), ok.hasLastResort(), gatewayId, gatewayId);
      case KeyPackageStore.Stored.DuplicateInitKey d -> throw rejection(d.index(), KeyPackageRejection.DUPLICATE_INIT_KEY,
          "the init key is already stored (KP-4)");
      case KeyPackageStore.Stored.QuotaExceeded q -> throw Rejection.of(ErrorCode.QUOTA_EXCEEDED, "the device holds " + q.current()
          + " one-time KeyPackages; at most " + limits.maxPerDevice() + " (KP-3)");
    });
  }

  List<NewKeyPackage> validate(DeviceKey owner, List<ClientFrame.KeyPackageUpload> items, Instant now) {
    if (items.isEmpty()) throw Rejection.of(ErrorCode.INVALID_ARGUMENT, "items is empty");
    if (items.size() > limits.maxPerUpload()) {
      throw Rejection.of(ErrorCode.BATCH_TOO_LARGE, items.size() + " items; at most " + limits.maxPerUpload() + " per upload (KP-3)");
    }
    byte[] identity = owner.mlsIdentity();
    MlsLimits parseLimits = new MlsLimits(maxMlsMessageBytes);
    List<NewKeyPackage> out = new ArrayList<>();
    Set<String> initKeys = new HashSet<>();
    Set<Integer> lastResortSuites = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      ClientFrame.KeyPackageUpload item = items.get(i);
      if (item.keyPackage().length > maxMlsMessageBytes) {
        throw new Rejection(ServerFrame.Error.of(ErrorCode.ENVELOPE_TOO_LARGE, "item " + i + " is " + item.keyPackage().length
            + " bytes, limit " + maxMlsMessageBytes + " (LIM-2)").withItemIndex(i));
      }
      MlsMessage message;
      try {
        message = MlsWire.parseMessage(item.keyPackage(), parseLimits);
      } catch (MlsWireException e) {
        throw new Rejection(rejection(i, KeyPackageRejection.MALFORMED, e.getMessage()).error().withMlsReason(e.reason().name(), e.offset()));
      }
      if (!(message instanceof KeyPackage kp)) {
        throw rejection(i, KeyPackageRejection.NOT_A_KEY_PACKAGE, "the item is a " + message.wireFormat());
      }
      ValidatedKeyPackage valid;
      try {
        valid = validator.validate(kp, now);
      } catch (InvalidKeyPackageException e) {
        throw rejection(i, reason(e), e.getMessage() + " (KP-1)");
      }
      if (!(valid.credential() instanceof Credential.Basic(byte[] id))) {
        throw rejection(i, KeyPackageRejection.UNSUPPORTED_CREDENTIAL, "the credential must be a BasicCredential (KP-2)");
      }
      if (!Arrays.equals(id, identity)) {
        throw rejection(i, KeyPackageRejection.IDENTITY_MISMATCH, "the credential identity is not user_id ‖ device_id of this device (KP-2)");
      }
      if (!initKeys.add(HexFormat.of().formatHex(kp.initKey()))) {
        throw rejection(i, KeyPackageRejection.DUPLICATE_INIT_KEY, "the init key repeats an earlier item (KP-4)");
      }
      boolean lastResort = item.lastResort() || valid.lastResortExtension();
      if (lastResort && !lastResortSuites.add(kp.cipherSuite())) {
        throw new Rejection(ServerFrame.Error.of(ErrorCode.INVALID_ARGUMENT, "item " + i
            + " is a second last-resort KeyPackage of suite " + kp.cipherSuite() + " in one upload (KP-6)").withItemIndex(i));
      }
      out.add(new NewKeyPackage(valid.ref(), kp.cipherSuite(), kp.initKey(), lastResort, valid.notAfter(), item.keyPackage()));
    }
    return out;
  }

  /// `ClaimKeyPackages` → `KeyPackagesClaimed` (KP-7, KP-8, KP-11), then KP-10 warnings.
  public Future<ServerFrame.KeyPackagesClaimed> claim(DeviceKey claimer, ClientFrame.ClaimKeyPackages claim) {
    if (!suites.contains(claim.cipherSuite())) {
      return Future.failedFuture(Rejection.of(ErrorCode.UNSUPPORTED_CIPHER_SUITE, "cipher suite " + claim.cipherSuite()));
    }
    if (claim.devices().size() > maxDevicesPerUser) {
      return Future.failedFuture(Rejection.of(ErrorCode.BATCH_TOO_LARGE, "at most " + maxDevicesPerUser + " device_ids"));
    }
    return claims.hit("claims:" + claimer.user().hex() + claimer.device().hex(), limits.claimWindow()).compose(count -> {
      if (count.count() > limits.claimRate()) {
        return Future.failedFuture(new Rejection(ServerFrame.Error.of(ErrorCode.RATE_LIMITED, "more than " + limits.claimRate()
            + " claims per " + limits.claimWindow() + " (KP-11)").withRetryAfterMs(Math.max(1, count.remainingMs()))));
      }
      Future<List<DeviceId>> targets = claim.devices().isEmpty() ? store.devicesOf(claim.user())
          : Future.succeededFuture(List.copyOf(new LinkedHashSet<>(claim.devices())));
      return targets.compose(devices -> take(claimer, claim, devices));
    });
  }

  private Future<ServerFrame.KeyPackagesClaimed> take(DeviceKey claimer, ClientFrame.ClaimKeyPackages claim, List<DeviceId> devices) {
    Instant now = clock.instant();
    List<ServerFrame.ClaimedKeyPackage> taken = new ArrayList<>();
    List<DeviceId> exhausted = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (DeviceId d : devices) {
      DeviceKey target = new DeviceKey(claim.user(), d);
      if (target.equals(claimer)) continue;
      chain = chain.compose(v -> store.claim(target, claim.cipherSuite(), now).map(c -> {
        if (c == null) {
          exhausted.add(d);
        } else {
          taken.add(new ServerFrame.ClaimedKeyPackage(d, c.message(), c.ref(), c.lastResort()));
          if (c.oneTimeLeft() < limits.lowWatermark()) {
            signal.low(target, new ServerFrame.KeyPackagesLow(claim.cipherSuite(), c.oneTimeLeft(), limits.lowWatermark()));
          }
        }
        return null;
      }));
    }
    return chain.map(v -> new ServerFrame.KeyPackagesClaimed(claim.user(), taken, exhausted, gatewayId, gatewayId));
  }

  /// `GetKeyPackageCount` → `KeyPackageCount`: every accepted suite, zero when empty.
  public Future<ServerFrame.KeyPackageCount> count(DeviceKey device) {
    return counts(device).map(list -> new ServerFrame.KeyPackageCount(list, limits.lowWatermark()));
  }

  /// The `KeyPackagesLow` warnings a device should get right after `Ready` (KP-10): one per
  /// accepted suite whose one-time pool is below the watermark.
  public Future<List<ServerFrame.KeyPackagesLow>> lowWarnings(DeviceKey device) {
    return counts(device).map(list -> list.stream().filter(s -> s.oneTimeCount() < limits.lowWatermark())
        .map(s -> new ServerFrame.KeyPackagesLow(s.cipherSuite(), s.oneTimeCount(), limits.lowWatermark())).toList());
  }

  private Future<List<ServerFrame.SuiteCount>> counts(DeviceKey device) {
    return store.counts(device, clock.instant()).map(stored -> suites.stream().sorted().map(suite -> stored.stream()
        .filter(s -> s.cipherSuite() == suite).findFirst()
        .map(s -> new ServerFrame.SuiteCount(suite, s.oneTimeCount(), s.hasLastResort()))
        .orElse(new ServerFrame.SuiteCount(suite, 0, false))).toList());
  }

  private static Rejection rejection(int index, KeyPackageRejection reason, String message) {
    return new Rejection(ServerFrame.Error.of(ErrorCode.KEY_PACKAGE_INVALID, "item " + index + ": " + message)
        .withItemIndex(index).withKeyPackageReason(reason));
  }

  private static KeyPackageRejection reason(InvalidKeyPackageException e) {
    return switch (e.problem()) {
      case UNSUPPORTED_CIPHER_SUITE -> KeyPackageRejection.UNSUPPORTED_SUITE;
      case WRONG_LEAF_NODE_SOURCE -> KeyPackageRejection.WRONG_LEAF_NODE_SOURCE;
      case NOT_YET_VALID -> KeyPackageRejection.NOT_YET_VALID;
      case EXPIRED -> KeyPackageRejection.EXPIRED;
      case LIFETIME_TOO_LONG -> KeyPackageRejection.LIFETIME_TOO_LONG;
      case INIT_KEY_EQUALS_ENCRYPTION_KEY -> KeyPackageRejection.INIT_KEY_EQUALS_ENCRYPTION_KEY;
      case CAPABILITIES_MISSING_VERSION, CAPABILITIES_MISSING_CIPHER_SUITE, CAPABILITIES_MISSING_CREDENTIAL,
           CAPABILITIES_MISSING_EXTENSION -> KeyPackageRejection.CAPABILITIES_INCOMPLETE;
      case BAD_LEAF_SIGNATURE -> KeyPackageRejection.BAD_LEAF_SIGNATURE;
      case BAD_KEY_PACKAGE_SIGNATURE -> KeyPackageRejection.BAD_KEY_PACKAGE_SIGNATURE;
    };
  }
}
