package io.wya.repochecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/// Documents drift unless something fails when they do.
class DocumentsTest {
  private static final Path REPO = Path.of(System.getProperty("wya.repo.root", "..")).toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
  /// `SomeTest#someMethod` (or `SomeIT#method`) written in backticks.
  private static final Pattern TEST_REFERENCE = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|IT))#([a-zA-Z0-9_]+)`");

  @Test void relativeLinksInDocumentsResolve() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path doc : documents()) {
      Matcher m = LINK.matcher(Files.readString(doc));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*")) continue; // http:, https:, mailto:
        if (!Files.exists(doc.getParent().resolve(target).normalize())) broken.add(REPO.relativize(doc) + " -> " + target);
      }
    }
    assertThat(broken).as("links to files that do not exist").isEmpty();
  }

  @Test void everyTestNamedInTheRiskRegisterAndDecisionsExists() throws IOException {
    List<Path> sources = testSources();
    List<String> missing = new ArrayList<>();
    List<Path> docs = new ArrayList<>(List.of(REPO.resolve("RISK_REGISTER.md")));
    docs.addAll(documentsUnder(REPO.resolve("decisions")));
    int seen = 0;
    for (Path doc : docs) {
      Matcher m = TEST_REFERENCE.matcher(Files.readString(doc));
      while (m.find()) {
        seen++;
        if (!testExists(sources, m.group(1), m.group(2))) missing.add(REPO.relativize(doc) + ": " + m.group(1) + "#" + m.group(2));
      }
    }
    assertThat(missing).as("tests named in documents but absent from the code").isEmpty();
    assertThat(seen).as("the risk register names its proof tests").isPositive();
  }

  private static boolean testExists(List<Path> sources, String className, String method) {
    Pattern declaration = Pattern.compile("\\bvoid\\s+" + Pattern.quote(method) + "\\s*\\(");
    for (Path source : sources) {
      if (!source.getFileName().toString().equals(className + ".java")) continue;
      try {
        if (declaration.matcher(Files.readString(source)).find()) return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }

  private static List<Path> testSources() throws IOException {
    try (Stream<Path> walk = Files.walk(REPO)) {
      return walk.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/test/"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
          .toList();
    }
  }

  private static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>();
    try (Stream<Path> top = Files.list(REPO)) {
      top.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
    }
    docs.addAll(documentsUnder(REPO.resolve("decisions")));
    for (String module : List.of("docker", "bench", "mls-native")) docs.addAll(documentsUnder(REPO.resolve(module)));
    return docs;
  }

  private static List<Path> documentsUnder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> walk = Files.walk(dir, 1)) {
      return walk.filter(p -> p.toString().endsWith(".md")).toList();
    }
  }
}
