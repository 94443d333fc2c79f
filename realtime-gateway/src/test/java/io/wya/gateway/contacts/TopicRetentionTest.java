package io.wya.gateway.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TopicRetentionTest {
  @Test
  @DisplayName("PRS-11 a topic that deletes or compacts events is reported: the projection could not be rebuilt from offset 0")
  void finiteOrCompactedTopicsAreReported() {
    assertThat(TopicRetention.problems(Map.of("retention.ms", "-1", "retention.bytes", "-1", "cleanup.policy", "delete"))).isEmpty();
    assertThat(TopicRetention.problems(Map.of())).isEmpty();
    assertThat(TopicRetention.problems(Map.of("retention.ms", "604800000"))).singleElement().asString().contains("retention.ms");
    assertThat(TopicRetention.problems(Map.of("retention.ms", "-1", "retention.bytes", "1073741824"))).hasSize(1);
    assertThat(TopicRetention.problems(Map.of("retention.ms", "-1", "cleanup.policy", "compact,delete"))).singleElement().asString()
        .contains("compact");
  }
}
