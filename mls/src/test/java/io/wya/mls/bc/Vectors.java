package io.wya.mls.bc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/// The official RFC 9420 interop vectors (mlswg/mls-implementations), read from
/// `${wya.vectors.dir}/mls/`; a run without them skips with a notice naming the folder.
final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  static JsonNode load(String file) {
    String dir = System.getProperty("wya.vectors.dir");
    Path path = dir == null ? null : Path.of(dir, "mls", file);
    assumeTrue(path != null && Files.isRegularFile(path),
        "RFC 9420 vectors not found (" + path + "); set -Dwya.vectors.dir to the folder holding mls/" + file);
    try {
      return JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hex(JsonNode node) {
    return node == null || node.isNull() ? null : HexFormat.of().parseHex(node.asText());
  }
}
