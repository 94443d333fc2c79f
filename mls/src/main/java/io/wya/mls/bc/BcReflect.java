package io.wya.mls.bc;

import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/// Reflective access to the bcmls 1.84 internals that its public API does not expose: the state
/// of a `Group` (mls-notes B2: nothing can save it) and the private steps of `Group.commit`, which
/// [BcCommitter] recombines to avoid B1 and B3. Every handle is resolved once, at class load, and
/// the declared instance fields of each class touched are compared with the layout the state
/// codec was written for ([#LAYOUT]): a different bcmls build fails loudly at engine start
/// ([#check()]) instead of silently writing incomplete state.
///
/// Works when bcmls is on the class path (its packages are then open to reflection); on the
/// module path it needs `--add-opens org.bouncycastle.mls/org.bouncycastle.mls=ALL-UNNAMED` and the
/// same for the `.protocol`, `.TreeKEM` and `.codec` packages.
final class BcReflect {
  /// The field layout of bcmls 1.84, as `name:Type` in declaration order (statics and synthetic
  /// outer references excluded).
  static final Map<String, String> LAYOUT = new LinkedHashMap<>();

  static {
    String p = "org.bouncycastle.mls.";
    LAYOUT.put(p + "protocol.Group", "externalPSKs:Map resumptionPSKs:Map epoch:long groupID:byte[] "
        + "transcriptHash:TranscriptHash extensions:ArrayList keySchedule:KeyScheduleEpoch tree:TreeKEMPublicKey "
        + "treePriv:TreeKEMPrivateKey keys:GroupKeySet suite:MlsCipherSuite index:LeafIndex identitySk:byte[] "
        + "pendingProposals:ArrayList cachedUpdate:CachedUpdate");
    LAYOUT.put(p + "protocol.CachedProposal", "proposalRef:byte[] proposal:Proposal sender:LeafIndex");
    LAYOUT.put(p + "protocol.CachedUpdate", "updateSk:byte[] update:Update");
    LAYOUT.put(p + "protocol.Group$EpochRef", "id:byte[] epoch:long");
    LAYOUT.put(p + "protocol.Group$JoinersWithPSKS", "joiners:List psks:List");
    LAYOUT.put(p + "TranscriptHash", "suite:MlsCipherSuite confirmed:byte[] interim:byte[]");
    LAYOUT.put(p + "KeyScheduleEpoch", "suite:MlsCipherSuite initSecret:Secret senderDataSecret:Secret exporterSecret:Secret "
        + "confirmationKey:Secret membershipKey:Secret resumptionPSK:Secret epochAuthenticator:Secret encryptionSecret:Secret "
        + "externalSecret:Secret externalKeyPair:AsymmetricCipherKeyPair groupKeySet:GroupKeySet joinerSecret:Secret");
    LAYOUT.put(p + "GroupKeySet", "suite:MlsCipherSuite secretSize:int encryptionSecretCommit:Secret secretTree:SecretTree "
        + "handshakeRatchets:Map applicationRatchets:Map");
    LAYOUT.put(p + "GroupKeySet$SecretTree", "treeSize:TreeSize secrets:Map");
    LAYOUT.put(p + "GroupKeySet$HashRatchet", "keySize:int nonceSize:int nextSecret:Secret nextGeneration:int cache:Map");
    LAYOUT.put(p + "KeyGeneration", "generation:int key:byte[] nonce:byte[]");
    LAYOUT.put(p + "TreeKEM.TreeKEMPrivateKey", "suite:MlsCipherSuite index:LeafIndex updateSecret:Secret pathSecrets:Map "
        + "privateKeyCache:Map");
    LAYOUT.put(p + "crypto.Secret", "value:byte[] parents:Secret[]");
    LAYOUT.put(p + "codec.KeyPackage", "version:ProtocolVersion suite:MlsCipherSuite cipher_suite:short init_key:byte[] "
        + "leaf_node:LeafNode extensions:List signature:byte[]");
    LAYOUT.put(p + "codec.Extension", "extensionType:ExtensionType extension_data:byte[]");
  }

  private static final String PROBLEM;

  // Group
  static final Field G_EXTERNAL_PSKS, G_RESUMPTION_PSKS, G_EPOCH, G_GROUP_ID, G_TRANSCRIPT, G_EXTENSIONS, G_KEY_SCHEDULE,
      G_TREE, G_TREE_PRIV, G_KEYS, G_SUITE, G_INDEX, G_IDENTITY_SK, G_PENDING, G_CACHED_UPDATE;
  static final Method G_SUCCESSOR, G_MUST_RESOLVE, G_VALIDATE_CACHED, G_APPLY, G_UPDATE_EPOCH_SECRETS, G_PROTECT;
  // Group internals
  static final Field CP_REF, CP_PROPOSAL, CP_SENDER, EPOCH_REF_ID, EPOCH_REF_EPOCH, JOINERS, JOINER_PSKS;
  // key schedule and secret tree
  static final Field KSE_EXTERNAL_KEY_PAIR, GKS_HANDSHAKE, GKS_APPLICATION, ST_TREE_SIZE, HR_NEXT_SECRET, HR_NEXT_GENERATION, HR_CACHE;
  static final Constructor<?> HASH_RATCHET;
  // TreeKEM private key
  static final Field TKP_UPDATE_SECRET, TKP_PATH_SECRETS, TKP_KEY_CACHE;
  // codec
  static final Field KP_EXTENSIONS;

  static {
    String problem = null;
    Field[] f = new Field[33];
    Method[] m = new Method[6];
    Constructor<?> hashRatchet = null;
    try {
      problem = layoutProblem();
      Class<?> group = cls("protocol.Group");
      String[] gf = {"externalPSKs", "resumptionPSKs", "epoch", "groupID", "transcriptHash", "extensions", "keySchedule", "tree",
          "treePriv", "keys", "suite", "index", "identitySk", "pendingProposals", "cachedUpdate"};
      for (int i = 0; i < gf.length; i++) f[i] = field(group, gf[i]);
      m[0] = method(group, "successor");
      m[1] = method(group, "mustResolve", List.class, cls("TreeKEM.LeafIndex"));
      m[2] = method(group, "validateCachedProposals", List.class, cls("TreeKEM.LeafIndex"), cls("protocol.Group$CommitParameters"));
      m[3] = method(group, "apply", List.class);
      m[4] = method(group, "updateEpochSecrets", byte[].class, List.class, byte[].class);
      m[5] = method(group, "protect", cls("codec.AuthenticatedContent"), int.class);
      f[15] = field(cls("protocol.CachedProposal"), "proposalRef");
      f[16] = field(cls("protocol.CachedProposal"), "proposal");
      f[17] = field(cls("protocol.CachedProposal"), "sender");
      f[18] = field(cls("protocol.Group$EpochRef"), "id");
      f[19] = field(cls("protocol.Group$EpochRef"), "epoch");
      f[20] = field(cls("protocol.Group$JoinersWithPSKS"), "joiners");
      f[21] = field(cls("protocol.Group$JoinersWithPSKS"), "psks");
      f[22] = field(cls("KeyScheduleEpoch"), "externalKeyPair");
      f[23] = field(cls("GroupKeySet"), "handshakeRatchets");
      f[24] = field(cls("GroupKeySet"), "applicationRatchets");
      f[25] = field(cls("GroupKeySet$SecretTree"), "treeSize");
      f[26] = field(cls("GroupKeySet$HashRatchet"), "nextSecret");
      f[27] = field(cls("GroupKeySet$HashRatchet"), "nextGeneration");
      f[28] = field(cls("GroupKeySet$HashRatchet"), "cache");
      f[29] = field(cls("TreeKEM.TreeKEMPrivateKey"), "updateSecret");
      f[30] = field(cls("TreeKEM.TreeKEMPrivateKey"), "pathSecrets");
      f[31] = field(cls("TreeKEM.TreeKEMPrivateKey"), "privateKeyCache");
      f[32] = field(cls("codec.KeyPackage"), "extensions");
      hashRatchet = cls("GroupKeySet$HashRatchet").getDeclaredConstructor(cls("GroupKeySet"), cls("crypto.Secret"));
      hashRatchet.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      problem = "bcmls internals not accessible: " + e;
    }
    PROBLEM = problem;
    G_EXTERNAL_PSKS = f[0]; G_RESUMPTION_PSKS = f[1]; G_EPOCH = f[2]; G_GROUP_ID = f[3]; G_TRANSCRIPT = f[4]; G_EXTENSIONS = f[5];
    G_KEY_SCHEDULE = f[6]; G_TREE = f[7]; G_TREE_PRIV = f[8]; G_KEYS = f[9]; G_SUITE = f[10]; G_INDEX = f[11];
    G_IDENTITY_SK = f[12]; G_PENDING = f[13]; G_CACHED_UPDATE = f[14];
    G_SUCCESSOR = m[0]; G_MUST_RESOLVE = m[1]; G_VALIDATE_CACHED = m[2]; G_APPLY = m[3]; G_UPDATE_EPOCH_SECRETS = m[4]; G_PROTECT = m[5];
    CP_REF = f[15]; CP_PROPOSAL = f[16]; CP_SENDER = f[17]; EPOCH_REF_ID = f[18]; EPOCH_REF_EPOCH = f[19];
    JOINERS = f[20]; JOINER_PSKS = f[21]; KSE_EXTERNAL_KEY_PAIR = f[22]; GKS_HANDSHAKE = f[23]; GKS_APPLICATION = f[24];
    ST_TREE_SIZE = f[25]; HR_NEXT_SECRET = f[26]; HR_NEXT_GENERATION = f[27]; HR_CACHE = f[28];
    TKP_UPDATE_SECRET = f[29]; TKP_PATH_SECRETS = f[30]; TKP_KEY_CACHE = f[31]; KP_EXTENSIONS = f[32];
    HASH_RATCHET = hashRatchet;
  }

  private BcReflect() {}

  /// Fails with ENGINE_INCOMPATIBLE when the bcmls on the class path is not the layout this code
  /// was written and tested against.
  static void check() throws MlsException {
    if (PROBLEM != null) throw new MlsException(MlsError.ENGINE_INCOMPATIBLE, PROBLEM);
  }

  /// The declared instance fields of `cls`, as in [#LAYOUT].
  static String layoutOf(Class<?> cls) {
    StringJoiner j = new StringJoiner(" ");
    for (Field field : cls.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) continue;
      j.add(field.getName() + ":" + field.getType().getSimpleName());
    }
    return j.toString();
  }

  private static String layoutProblem() throws ClassNotFoundException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : LAYOUT.entrySet()) {
      String actual = layoutOf(Class.forName(e.getKey()));
      if (!actual.equals(e.getValue())) problems.add(e.getKey() + " is {" + actual + "}, expected {" + e.getValue() + "}");
    }
    return problems.isEmpty() ? null : "bcmls layout differs from 1.84: " + String.join("; ", problems);
  }

  private static Class<?> cls(String name) throws ClassNotFoundException {
    return Class.forName("org.bouncycastle.mls." + name);
  }

  private static Field field(Class<?> cls, String name) throws NoSuchFieldException {
    Field f = cls.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  private static Method method(Class<?> cls, String name, Class<?>... params) throws NoSuchMethodException {
    Method m = cls.getDeclaredMethod(name, params);
    m.setAccessible(true);
    return m;
  }

  @SuppressWarnings("unchecked")
  static <T> T get(Field f, Object target) {
    try {
      return (T) f.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  static void set(Field f, Object target, Object value) {
    try {
      f.set(target, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /// Invokes a private bcmls method, rethrowing what it threw.
  @SuppressWarnings("unchecked")
  static <T> T call(Method m, Object target, Object... args) throws Exception {
    try {
      return (T) m.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) throw cause;
      throw e;
    }
  }

  static Object newHashRatchet(Object groupKeySet, Object baseSecret) throws Exception {
    try {
      return HASH_RATCHET.newInstance(groupKeySet, baseSecret);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) throw cause;
      throw e;
    }
  }
}
