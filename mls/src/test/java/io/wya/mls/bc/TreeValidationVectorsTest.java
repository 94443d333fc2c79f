package io.wya.mls.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import io.wya.mls.wire.CipherSuite;
import io.wya.mls.wire.MlsLimits;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.RatchetTree;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The official tree-validation and tree-operations vectors against the checks this engine adds
/// before bcmls reads a tree: mls-wire's ratchet-tree parse (with its shape rules) and the
/// leaf-signature verification bcmls does not do ([BcWelcomes#verifyLeaves]).
class TreeValidationVectorsTest {

  @Test
  @DisplayName("tree-validation: every tree parses strictly and every leaf signature verifies; a flipped signature bit is caught")
  void everyVectorTreeIsAccepted() throws Exception {
    int trees = 0;
    for (JsonNode c : Vectors.load("tree-validation.json")) {
      CipherSuite suite = CipherSuite.of(c.get("cipher_suite").asInt());
      byte[] groupId = Vectors.hex(c.get("group_id"));
      byte[] encoded = Vectors.hex(c.get("tree"));
      RatchetTree tree = MlsWire.parseRatchetTree(encoded, MlsLimits.DEFAULT);
      BcWelcomes.verifyLeaves(suite, groupId, tree);
      trees++;
      if (trees % 10 == 1) {
        byte[] tampered = flipLastSignatureBit(encoded, tree);
        RatchetTree bad = MlsWire.parseRatchetTree(tampered, MlsLimits.DEFAULT);
        assertThatThrownBy(() -> BcWelcomes.verifyLeaves(suite, groupId, bad))
            .isInstanceOfSatisfying(MlsException.class, e -> assertThat(e.error()).isEqualTo(MlsError.SIGNATURE_INVALID));
      }
    }
    assertThat(trees).isEqualTo(98);
  }

  @Test
  @DisplayName("tree-operations: the trees before and after each operation parse strictly")
  void treeOperationTreesParse() throws Exception {
    int n = 0;
    for (JsonNode c : Vectors.load("tree-operations.json")) {
      MlsWire.parseRatchetTree(Vectors.hex(c.get("tree_before")), MlsLimits.DEFAULT);
      MlsWire.parseRatchetTree(Vectors.hex(c.get("tree_after")), MlsLimits.DEFAULT);
      n++;
    }
    assertThat(n).isEqualTo(5);
  }

  /// The encoding with one bit flipped in the signature of the last leaf.
  private static byte[] flipLastSignatureBit(byte[] encoded, RatchetTree tree) {
    byte[] signature = tree.leaf(tree.leafCount() - 1).orElseThrow().signature();
    byte[] out = encoded.clone();
    for (int i = out.length - signature.length; i >= 0; i--) {
      if (Arrays.equals(out, i, i + signature.length, signature, 0, signature.length)) {
        out[i + signature.length - 1] ^= 1;
        return out;
      }
    }
    throw new AssertionError("signature not found");
  }
}
