package io.wya.mls.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wya.mls.MlsError;
import io.wya.mls.MlsException;
import io.wya.mls.wire.Content;
import io.wya.mls.wire.MlsLimits;
import io.wya.mls.wire.MlsWire;
import io.wya.mls.wire.PrivateMessage;
import io.wya.mls.wire.PublicMessage;
import java.util.Map;
import org.bouncycastle.mls.GroupKeySet;
import org.bouncycastle.mls.TreeSize;
import org.bouncycastle.mls.crypto.MlsCipherSuite;
import org.bouncycastle.mls.crypto.Secret;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/// The official message-protection vectors against *our* code: [BcMessages] decrypts the
/// PrivateMessages (sender data, secret tree with the reuse guard on a copy, strict content
/// parse, signature over the received bytes) and authenticates the PublicMessages (constant-time
/// membership tag, signature) without bcmls's `unprotect`. The sender is leaf 1 of a 2-leaf tree.
class MessageProtectionVectorsTest {

  @Test
  @DisplayName("message-protection: every PrivateMessage decrypts to the vector's content and every PublicMessage authenticates")
  void ourProtectionCodeMatchesTheVectors() throws Exception {
    int cases = 0;
    for (JsonNode c : Vectors.load("message-protection.json")) {
      MlsCipherSuite suite = BcMessages.suite(c.get("cipher_suite").asInt());
      byte[] groupId = Vectors.hex(c.get("group_id"));
      long epoch = c.get("epoch").asLong();
      byte[] context = new Tls().u16(1).u16(suite.getSuiteID()).opaque(groupId).u64(epoch).opaque(Vectors.hex(c.get("tree_hash")))
          .opaque(Vectors.hex(c.get("confirmed_transcript_hash"))).opaque(new byte[0]).bytes();
      byte[] signaturePub = Vectors.hex(c.get("signature_pub"));

      for (String kind : new String[] {"application", "proposal", "commit"}) {
        EpochKeys keys = new EpochKeys(suite.getSuiteID(), groupId, epoch, context, Vectors.hex(c.get("sender_data_secret")),
            new GroupKeySet(suite, TreeSize.forLeaves(2), new Secret(Vectors.hex(c.get("encryption_secret")))), 0, 2,
            Map.of(1, signaturePub), Map.of(1, new byte[0]));
        PrivateMessage pm = (PrivateMessage) MlsWire.parseMessage(Vectors.hex(c.get(kind + "_priv")));
        BcMessages.Opened opened = (BcMessages.Opened) BcMessages.decryptPrivate(keys, pm, MlsLimits.DEFAULT, 1000);
        assertThat(opened.leaf()).isEqualTo(1);
        byte[] expected = Vectors.hex(c.get(kind));
        if (opened.content().content() instanceof Content.ApplicationData(byte[] data)) {
          assertThat(data).isEqualTo(expected);
        } else {
          assertThat(opened.content().contentBytes()).isEqualTo(expected);
        }
        // the key is erased once used: the same message again is a replay
        assertThatThrownBy(() -> BcMessages.decryptPrivate(keys, pm, MlsLimits.DEFAULT, 1000))
            .isInstanceOfSatisfying(MlsException.class, e -> assertThat(e.error()).isEqualTo(MlsError.KEY_ALREADY_USED));
      }
      for (String kind : new String[] {"proposal", "commit"}) {
        PublicMessage pm = (PublicMessage) MlsWire.parseMessage(Vectors.hex(c.get(kind + "_pub")));
        BcMessages.verifyPublic(suite, Vectors.hex(c.get("membership_key")), context, signaturePub, pm);
        byte[] wrongKey = Vectors.hex(c.get("membership_key"));
        wrongKey[0] ^= 1;
        assertThatThrownBy(() -> BcMessages.verifyPublic(suite, wrongKey, context, signaturePub, pm))
            .isInstanceOfSatisfying(MlsException.class, e -> assertThat(e.error()).isEqualTo(MlsError.MEMBERSHIP_TAG_INVALID));
      }
      cases++;
    }
    assertThat(cases).isEqualTo(7);
  }
}
