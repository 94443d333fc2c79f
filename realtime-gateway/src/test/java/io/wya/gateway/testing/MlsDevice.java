package io.wya.gateway.testing;

import io.wya.gateway.client.GatewayClient;
import io.wya.gateway.protocol.DeviceId;
import io.wya.gateway.protocol.DeviceKey;
import io.wya.gateway.protocol.UserId;
import io.wya.mls.wire.MlsWire;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.mls.TreeKEM.LeafNode;
import org.bouncycastle.mls.TreeKEM.LifeTime;
import org.bouncycastle.mls.codec.Capabilities;
import org.bouncycastle.mls.codec.Credential;
import org.bouncycastle.mls.codec.KeyPackage;
import org.bouncycastle.mls.codec.MLSInputStream;
import org.bouncycastle.mls.codec.MLSMessage;
import org.bouncycastle.mls.codec.MLSOutputStream;
import org.bouncycastle.mls.codec.Welcome;
import org.bouncycastle.mls.crypto.MlsCipherSuite;
import org.bouncycastle.mls.protocol.Group;

/// A test device with real MLS state from BouncyCastle bcmls 1.84: a Polycentric-style Ed25519
/// system key (its user id), a device id, an MLS signature key, and the private halves of the
/// KeyPackages it published. Peer bytes always pass through `mls-wire` before BouncyCastle sees
/// them (mls-notes §1.4 B4).
public final class MlsDevice {
  public static final MlsCipherSuite SUITE = suite();
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Published(KeyPackage keyPackage, AsymmetricCipherKeyPair init, AsymmetricCipherKeyPair leaf) {}

  private final Ed25519PrivateKeyParameters systemKey;
  private final DeviceKey key;
  private final AsymmetricCipherKeyPair signature = SUITE.generateSignatureKeyPair();
  private final Map<String, Published> published = new HashMap<>();

  private MlsDevice(Ed25519PrivateKeyParameters systemKey, DeviceId device) {
    this.systemKey = systemKey;
    this.key = new DeviceKey(new UserId(systemKey.generatePublicKey().getEncoded()), new DeviceId(device.bytes()));
  }

  /// A new user with its first device.
  public static MlsDevice newUser() {
    return new MlsDevice(new Ed25519PrivateKeyParameters(RANDOM), new DeviceId(random(16)));
  }

  /// Another device of the same user.
  public MlsDevice anotherDevice() {
    return new MlsDevice(systemKey, new DeviceId(random(16)));
  }

  public DeviceKey key() { return key; }

  /// Signs with the user's system key (the gateway's auth handshake).
  public GatewayClient.Signer signer() {
    return message -> {
      Ed25519Signer s = new Ed25519Signer();
      s.init(true, systemKey);
      s.update(message, 0, message.length);
      return s.generateSignature();
    };
  }

  /// A new KeyPackage (as `MLSMessage` bytes) valid from a minute ago for `days`.
  public byte[] keyPackage(int days) {
    long now = System.currentTimeMillis() / 1000;
    return keyPackage(now - 60, now + days * 86_400L);
  }

  /// A new KeyPackage with the given lifetime (seconds since the epoch). BouncyCastle's only
  /// bounded lifetime is the `LifeTime(MLSInputStream)` constructor (mls-notes B9).
  public byte[] keyPackage(long notBefore, long notAfter) {
    synchronized (MlsGroup.BC) {
      try {
        AsymmetricCipherKeyPair init = SUITE.getHPKE().generatePrivateKey();
        AsymmetricCipherKeyPair leafKeys = SUITE.getHPKE().generatePrivateKey();
        byte[] lifetime = ByteBuffer.allocate(16).putLong(notBefore).putLong(notAfter).array();
        LeafNode leaf = new LeafNode(SUITE, SUITE.getHPKE().serializePublicKey(leafKeys.getPublic()),
            SUITE.serializeSignaturePublicKey(signature.getPublic()), Credential.forBasic(key.mlsIdentity()), new Capabilities(),
            new LifeTime(new MLSInputStream(lifetime)), new ArrayList<>(), SUITE.serializeSignaturePrivateKey(signature.getPrivate()));
        KeyPackage kp = new KeyPackage(SUITE, SUITE.getHPKE().serializePublicKey(init.getPublic()), leaf, new ArrayList<>(),
            SUITE.serializeSignaturePrivateKey(signature.getPrivate()));
        published.put(ref(kp), new Published(kp, init, leafKeys));
        return MLSOutputStream.encode(MLSMessage.keyPackage(kp));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /// Creates a group whose only member is this device.
  public MlsGroup createGroup(byte[] groupId) {
    synchronized (MlsGroup.BC) {
      try {
        AsymmetricCipherKeyPair leafKeys = SUITE.getHPKE().generatePrivateKey();
        LeafNode leaf = new LeafNode(SUITE, SUITE.getHPKE().serializePublicKey(leafKeys.getPublic()),
            SUITE.serializeSignaturePublicKey(signature.getPublic()), Credential.forBasic(key.mlsIdentity()), new Capabilities(),
            new LifeTime(), new ArrayList<>(), SUITE.serializeSignaturePrivateKey(signature.getPrivate()));
        return new MlsGroup(this, new Group(groupId, SUITE, leafKeys, SUITE.serializeSignaturePrivateKey(signature.getPrivate()), leaf,
            new ArrayList<>()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /// Joins from a Welcome addressed to one of this device's KeyPackages.
  public MlsGroup join(byte[] welcomeMessage) {
    synchronized (MlsGroup.BC) {
      try {
        MlsWire.parseMessage(welcomeMessage);
        Welcome welcome = ((MLSMessage) MLSInputStream.decode(welcomeMessage, MLSMessage.class)).welcome;
        for (Published p : published.values()) {
          if (welcome.find(p.keyPackage()) >= 0) {
            Group g = new Group(SUITE.getHPKE().serializePrivateKey(p.init().getPrivate()), p.leaf(),
                SUITE.serializeSignaturePrivateKey(signature.getPrivate()), p.keyPackage(), welcome, null, new HashMap<>(), new HashMap<>());
            return new MlsGroup(this, g);
          }
        }
        throw new IllegalStateException("the Welcome is for none of this device's KeyPackages");
      } catch (IllegalStateException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /// Joins a group by external Commit from its GroupInfo (`GetGroupInfo`), RFC 9420 §12.4.3.2.
  /// Returns the group (to use once the gateway echoes the Commit) and the Commit.
  public ExternalJoin externalJoin(byte[] groupInfoMessage) {
    synchronized (MlsGroup.BC) {
      try {
        MlsWire.parseMessage(groupInfoMessage);
        org.bouncycastle.mls.codec.GroupInfo gi = ((MLSMessage) MLSInputStream.decode(groupInfoMessage, MLSMessage.class)).groupInfo;
        keyPackage(30);
        Published own = published.values().stream().reduce((a, b) -> b).orElseThrow();
        Group.GroupWithMessage joined = Group.externalJoin(new org.bouncycastle.mls.crypto.Secret(random(32)), signature,
            own.keyPackage(), gi, null, new Group.MessageOptions(false, new byte[0], 0), null, new HashMap<>());
        return new ExternalJoin(new MlsGroup(this, joined.group), MLSOutputStream.encode(joined.message),
            MLSOutputStream.encode(joined.group.getGroupInfo(true)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /// The result of [#externalJoin].
  public record ExternalJoin(MlsGroup group, byte[] commit, byte[] groupInfo) {}

  /// A claimed KeyPackage's `MLSMessage` bytes as a BouncyCastle KeyPackage (after the strict parse).
  static KeyPackage decodeKeyPackage(byte[] message) {
    try {
      MlsWire.parseMessage(message);
      return ((MLSMessage) MLSInputStream.decode(message, MLSMessage.class)).keyPackage;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String ref(KeyPackage kp) throws Exception {
    return HexFormat.of().formatHex(SUITE.refHash(MLSOutputStream.encode(kp), "MLS 1.0 KeyPackage Reference"));
  }

  public static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  public static List<byte[]> randomIds(int count, int length) {
    List<byte[]> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) ids.add(random(length));
    return ids;
  }

  private static MlsCipherSuite suite() {
    try {
      return MlsCipherSuite.getSuite(MlsCipherSuite.MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override public String toString() { return "MlsDevice[" + key + "]"; }
}
