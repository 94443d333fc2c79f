package io.wya.client.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffAndSseTest {
  @Test void backoffIsFullJitterUnderADoublingCeilingAndResets() {
    Backoff backoff = new Backoff(new Random(7));
    long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    List<Long> waits = new ArrayList<>();
    for (long ceiling : ceilings) {
      Duration d = backoff.next();
      assertThat(d.toMillis()).isBetween(0L, ceiling);
      waits.add(d.toMillis());
    }
    assertThat(waits).doesNotHaveDuplicates();
    backoff.reset();
    assertThat(backoff.next().toMillis()).isLessThanOrEqualTo(500);
  }

  @Test void sseFramesAreTheBase64DataOfFrameEvents() {
    SseEventParser parser = new SseEventParser();
    byte[] frame = "frame bytes".getBytes(StandardCharsets.UTF_8);
    List<byte[]> out = new ArrayList<>();
    for (String line : List.of(": keep-alive", "", "event: other", "data: aGk=", "", "event: frame",
        "data: " + Base64.getEncoder().encodeToString(frame), "")) {
      out.addAll(parser.line(line));
    }
    assertThat(out).containsExactly(frame);
  }
}
