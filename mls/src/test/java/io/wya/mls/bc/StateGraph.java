package io.wya.mls.bc;

import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X448PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X448;
import org.bouncycastle.mls.crypto.MlsCipherSuite;

/// Field-by-field comparison of two bcmls object graphs (a live group and its restored copy).
/// Everything reachable must be equal except what [BcStateCodec] documents as not restored.
final class StateGraph {
  /// `Class#field` names the codec deliberately does not restore (see its documentation).
  static final Set<String> NOT_RESTORED = Set.of(
      "Secret#parents",
      "GroupKeySet#encryptionSecretCommit",
      "TreeKEMPublicKey#treeHashCache",
      "TreeKEMPublicKey#exceptCache",
      "LeafNode#suite");

  private final IdentityHashMap<Object, Object> seen = new IdentityHashMap<>();
  private final List<String> differences = new ArrayList<>();

  static void assertSame(Object live, Object restored) {
    StateGraph g = new StateGraph();
    g.compare(live, restored, "group");
    if (!g.differences.isEmpty()) fail("restored state differs:\n  " + String.join("\n  ", g.differences));
  }

  private void compare(Object a, Object b, String path) {
    if (a == null || b == null) {
      // a BasicCredential's certificate list: empty when constructed, absent when decoded
      boolean emptyVsAbsent = path.endsWith(".credential.certificates") && (a instanceof List<?> l && l.isEmpty()
          || b instanceof List<?> m && m.isEmpty());
      if (a != b && !emptyVsAbsent) differences.add(path + ": " + a + " vs " + b);
      return;
    }
    if (seen.containsKey(a)) return;
    seen.put(a, b);
    Class<?> type = a.getClass();
    if (type != b.getClass() && !(a instanceof Map && b instanceof Map) && !(a instanceof List && b instanceof List)) {
      differences.add(path + ": " + type.getSimpleName() + " vs " + b.getClass().getSimpleName());
      return;
    }
    if (a instanceof byte[] x) {
      if (!Arrays.equals(x, (byte[]) b)) differences.add(path + ": bytes differ");
    } else if (type.isArray()) {
      if (Array.getLength(a) != Array.getLength(b)) differences.add(path + ": array length");
      else for (int i = 0; i < Array.getLength(a); i++) compare(Array.get(a, i), Array.get(b, i), path + "[" + i + "]");
    } else if (a instanceof Number || a instanceof Boolean || a instanceof String || a instanceof Character || type.isEnum()) {
      if (!a.equals(b)) differences.add(path + ": " + a + " vs " + b);
    } else if (a instanceof MlsCipherSuite s) {
      if (s.getSuiteID() != ((MlsCipherSuite) b).getSuiteID()) differences.add(path + ": suite");
    } else if (a instanceof AsymmetricCipherKeyPair kp) {
      compare(kp.getPrivate(), ((AsymmetricCipherKeyPair) b).getPrivate(), path + ".private");
      compare(kp.getPublic(), ((AsymmetricCipherKeyPair) b).getPublic(), path + ".public");
    } else if (a instanceof AsymmetricKeyParameter) {
      if (!Arrays.equals(encoded(a), encoded(b))) differences.add(path + ": key differs");

    } else if (a instanceof List<?> la) {
      List<?> lb = (List<?>) b;
      if (la.size() != lb.size()) differences.add(path + ": list size " + la.size() + " vs " + lb.size());
      else for (int i = 0; i < la.size(); i++) compare(la.get(i), lb.get(i), path + "[" + i + "]");
    } else if (a instanceof Map<?, ?> ma) {
      Map<?, ?> mb = (Map<?, ?>) b;
      if (ma.size() != mb.size()) differences.add(path + ": map size " + ma.size() + " vs " + mb.size());
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        Object key = e.getKey();
        Object other = mb.get(key);
        if (other == null && !mb.containsKey(key)) {
          Object match = mb.keySet().stream().filter(k -> sameKey(key, k)).findFirst().orElse(null);
          if (match == null) {
            differences.add(path + ": key " + key + " missing");
            continue;
          }
          other = mb.get(match);
        }
        compare(e.getValue(), other, path + "{" + describe(key) + "}");
      }
    } else {
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) continue;
          if (NOT_RESTORED.contains(c.getSimpleName() + "#" + f.getName())) continue;
          f.setAccessible(true);
          try {
            compare(f.get(a), f.get(b), path + "." + f.getName());
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
  }

  private static boolean sameKey(Object a, Object b) {
    StateGraph g = new StateGraph();
    g.compare(a, b, "key");
    return g.differences.isEmpty();
  }

  private static String describe(Object key) {
    try {
      Method value = key.getClass().getMethod("value");
      return String.valueOf(value.invoke(key));
    } catch (ReflectiveOperationException e) {
      return key.getClass().getSimpleName();
    }
  }

  /// A key's encoding; X25519/X448 private keys clamped (HPKE serialises them clamped, RFC 9180
  /// §7.1.2, and clamps on use, so clamped and unclamped forms are the same key).
  private static byte[] encoded(Object key) {
    try {
      byte[] out = (byte[]) key.getClass().getMethod("getEncoded").invoke(key);
      if (key instanceof X25519PrivateKeyParameters) X25519.clampPrivateKey(out);
      if (key instanceof X448PrivateKeyParameters) X448.clampPrivateKey(out);
      return out;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no encoding for " + key.getClass(), e);
    }
  }
}
