package io.wya.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/// GATEWAY_SPEC.md and the tests agree: every MUST ID (written in bold, like **SEQ-1**) is named
/// in the `@DisplayName` of at least one test of the gateway, its protocol or its MLS parser, and
/// no test names an ID the spec does not define.
class SpecCoverageTest {
  private static final Path REPO = Path.of(System.getProperty("wya.repo.root", "..")).toAbsolutePath().normalize();
  private static final List<String> TEST_ROOTS = List.of("realtime-gateway/src/test/java", "gateway-protocol/src/test/java",
      "mls-wire/src/test/java");
  private static final Pattern SPEC_ID = Pattern.compile("\\*\\*([A-Z]+-\\d+)\\*\\*");
  private static final Pattern DISPLAY_NAME = Pattern.compile("@DisplayName\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern ID = Pattern.compile("\\b([A-Z]{2,}-\\d{1,2})\\b");

  static Set<String> specIds() throws IOException {
    Set<String> ids = new TreeSet<>();
    Matcher m = SPEC_ID.matcher(Files.readString(REPO.resolve("GATEWAY_SPEC.md")));
    while (m.find()) ids.add(m.group(1));
    return ids;
  }

  static Set<String> testedIds() throws IOException {
    Set<String> ids = new TreeSet<>();
    for (String root : TEST_ROOTS) {
      try (Stream<Path> files = Files.walk(REPO.resolve(root))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher names = DISPLAY_NAME.matcher(Files.readString(f));
          while (names.find()) {
            Matcher id = ID.matcher(names.group(1));
            while (id.find()) ids.add(id.group(1));
          }
        }
      }
    }
    return ids;
  }

  @Test
  void everySpecIdHasATest() throws IOException {
    Set<String> spec = specIds();
    assertThat(spec).as("the spec defines its MUST IDs in bold").hasSizeGreaterThan(50);
    Set<String> missing = new TreeSet<>(spec);
    missing.removeAll(testedIds());
    assertThat(missing).as("spec IDs that no @DisplayName names").isEmpty();
  }

  @Test
  void testsNameOnlyIdsTheSpecDefines() throws IOException {
    Set<String> unknown = new TreeSet<>(testedIds());
    unknown.removeAll(specIds());
    assertThat(unknown).as("IDs in @DisplayName that GATEWAY_SPEC.md does not define").isEmpty();
  }
}
