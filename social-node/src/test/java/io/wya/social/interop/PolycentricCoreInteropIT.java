package io.wya.social.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.wya.testkit.Subprocess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// The official client library, `@polycentric/polycentric-core` 0.2.2 from npm, unchanged,
/// against this node on the real services (src/test/js/interop.mjs): two identities, profile,
/// posts, follow sync, a second device, like/dislike counts, delete, ranges.
@QuarkusTest
class PolycentricCoreInteropIT {
  private static final Path SCRIPTS = Path.of("src/test/js").toAbsolutePath();

  @Test void theOfficialClientSyncsPostsFollowsLikesAndDeletesThroughTheNode() throws Exception {
    installClient();
    Subprocess.Result result = run(List.of("node", "interop.mjs", RestAssured.baseURI + ":" + RestAssured.port), 240);
    assertThat(result.exitCode()).as("node interop.mjs: %s", result.describe()).isZero();
  }

  /// `npm ci` from the committed lock file, once per checkout (node_modules is git-ignored).
  private static void installClient() throws Exception {
    Path installed = SCRIPTS.resolve("node_modules/.package-lock.json");
    if (Files.exists(installed)
        && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(SCRIPTS.resolve("package-lock.json"))) >= 0) {
      return;
    }
    Subprocess.Result result = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
    assertThat(result.exitCode()).as("npm ci in %s: %s", SCRIPTS, result.describe()).isZero();
  }

  private static Subprocess.Result run(List<String> command, long timeoutSeconds) {
    return Subprocess.run(command, SCRIPTS, Map.of(), Duration.ofSeconds(timeoutSeconds));
  }

}
