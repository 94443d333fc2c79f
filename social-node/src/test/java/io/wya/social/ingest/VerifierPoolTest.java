package io.wya.social.ingest;

import io.wya.social.http.ErrorMapper;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifierPoolTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test void aBatchBeyondTheQueueLimitIsRefusedAtOnceWith503IngestBusyAndRetryAfter() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    try (VerifierPool pool = new VerifierPool(1, 1)) {
      var busy = pool.run(() -> {
        running.countDown();
        await(release);
        return "first";
      }).subscribeAsCompletionStage();
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      var queued = pool.run(() -> "second").subscribeAsCompletionStage();

      assertThatThrownBy(() -> pool.run(() -> "third").await().atMost(WAIT))
          .isInstanceOfSatisfying(IngestException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("INGEST_BUSY");
            var response = new ErrorMapper().ingest(e);
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
          });

      release.countDown();
      assertThat(busy.get(10, TimeUnit.SECONDS)).isEqualTo("first");
      assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("second");
      assertThat(pool.run(() -> "after").await().atMost(WAIT)).isEqualTo("after");
    }
  }

  @Test void aFailureOfTheWorkReachesTheCaller() {
    try (VerifierPool pool = new VerifierPool(1, 1)) {
      assertThatThrownBy(() -> pool.run(() -> { throw new IngestException(400, "MALFORMED_BODY", "bad"); }).await().atMost(WAIT))
          .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.code()).isEqualTo("MALFORMED_BODY"));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
