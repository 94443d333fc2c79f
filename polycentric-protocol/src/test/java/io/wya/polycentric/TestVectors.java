package io.wya.polycentric;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/// shared/vectors/polycentric/testvectors.json, read where the parent POM points
/// `wya.vectors.dir`; tests are skipped with a notice when the folder is absent.
final class TestVectors {
  static final String[] EVENTS = {"post_clock1", "username_clock2", "follow_clock3", "replyToPost1_clock4", "deleteOfPost1_clock5"};

  private TestVectors() {}

  static JsonNode load() {
    Path file = Path.of(System.getProperty("wya.vectors.dir", "../../shared/vectors"), "polycentric", "testvectors.json");
    assumeTrue(Files.exists(file), "Polycentric test vectors absent at " + file + "; skipping");
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ByteString hex(JsonNode node) { return ByteString.copyFrom(HexFormat.of().parseHex(node.asText())); }
}
