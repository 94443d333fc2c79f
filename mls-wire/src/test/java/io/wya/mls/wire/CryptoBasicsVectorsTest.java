package io.wya.mls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CryptoBasicsVectorsTest {
  @Test
  @DisplayName("RefHash matches crypto-basics for all seven cipher suites")
  void refHash() {
    for (JsonNode c : Vectors.load("crypto-basics.json")) {
      CipherSuite suite = CipherSuite.of(c.get("cipher_suite").asInt());
      JsonNode v = c.get("ref_hash");
      byte[] out = MlsCrypto.refHash(suite, v.get("label").asText().getBytes(StandardCharsets.US_ASCII), Vectors.hex(v.get("value")));
      assertThat(out).as(suite.name()).isEqualTo(Vectors.hex(v.get("out")));
    }
  }

  @Test
  @DisplayName("VerifyWithLabel accepts the crypto-basics signatures of all seven suites and rejects altered ones")
  void verifyWithLabel() {
    for (JsonNode c : Vectors.load("crypto-basics.json")) {
      CipherSuite suite = CipherSuite.of(c.get("cipher_suite").asInt());
      JsonNode v = c.get("sign_with_label");
      byte[] pub = Vectors.hex(v.get("pub"));
      byte[] content = Vectors.hex(v.get("content"));
      byte[] signature = Vectors.hex(v.get("signature"));
      String label = v.get("label").asText();
      assertThat(MlsCrypto.verifyWithLabel(suite, pub, label, content, signature)).as(suite.name()).isTrue();
      assertThat(MlsCrypto.verifyWithLabel(suite, pub, label + "x", content, signature)).isFalse();
      byte[] altered = content.clone();
      altered[0] ^= 1;
      assertThat(MlsCrypto.verifyWithLabel(suite, pub, label, altered, signature)).isFalse();
      assertThat(MlsCrypto.verifyWithLabel(suite, new byte[3], label, content, signature)).isFalse();
      assertThat(MlsCrypto.verifyWithLabel(suite, pub, label, content, new byte[7])).isFalse();
    }
  }
}
