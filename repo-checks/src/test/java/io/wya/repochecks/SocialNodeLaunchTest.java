package io.wya.repochecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/// The social node's JVM options live in one argument file that every launch reads (ADR 0123), so
/// the benchmark measures the heap that `./wya` and the container image run with.
class SocialNodeLaunchTest {
  private static final Path REPO = Path.of(System.getProperty("wya.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path OPTIONS = REPO.resolve("social-node/jvm.options");

  @Test void theArgumentFileFixesTheHeapAndTheJvmAcceptsIt() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "@" + OPTIONS, "-XX:+PrintFlagsFinal", "-version").redirectErrorStream(true).start();
    String flags = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(flags).isZero();
    long initial = flag(flags, "InitialHeapSize");
    long max = flag(flags, "MaxHeapSize");
    assertThat(initial).as("-Xms of %s", OPTIONS).isEqualTo(max);
    assertThat(max).as("a heap the ingest benchmark measured").isGreaterThanOrEqualTo(512L << 20);
  }

  @Test void everyLaunchOfTheNodeReadsTheArgumentFile() throws IOException {
    assertThat(read("docker/social-node.Dockerfile"))
        .contains("/src/social-node/jvm.options /app/jvm.options")
        .contains("JAVA_OPTS=\"@/app/jvm.options\"");
    assertThat(read("docker/compose.yaml")).contains("JAVA_OPTS: ${WYA_SOCIAL_JAVA_OPTS:-@/app/jvm.options}");
    assertThat(read("dev-services/src/main/java/io/wya/devservices/AppService.java")).contains("\"social-node/jvm.options\"");
    assertThat(read("bench/src/main/java/io/wya/bench/social/SocialNodeBench.java")).contains("resolve(\"jvm.options\")");
    assertThat(read("social-node/jvm.options")).doesNotContain("MaxRAMPercentage");
  }

  private static long flag(String flags, String name) {
    Matcher m = Pattern.compile("\\b" + name + "\\s+=\\s+(\\d+)").matcher(flags);
    assertThat(m.find()).as("%s in -XX:+PrintFlagsFinal", name).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String read(String path) throws IOException { return Files.readString(REPO.resolve(path)); }
}
